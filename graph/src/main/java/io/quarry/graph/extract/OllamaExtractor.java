package io.quarry.graph.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.graph.model.EntityKeys;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional LLM extractor: entities and typed relations from an Ollama chat model, constrained
 * by a JSON schema ({@link #SCHEMA}, sent as Ollama's {@code format}) through langchain4j-ollama.
 *
 * <p>Consecutive passages are sent together while their text stays within {@link #GROUP_CHARS}
 * (a small document is one call); a longer passage is a call of its own. Per passage:
 *
 * <ul>
 *   <li>the document's own title is a {@link Mention#TITLE} mention of every passage (it links
 *       documents);
 *   <li>each entity the LLM names is a mention typed with the LLM's type (lower-case snake_case),
 *       or {@link Mention#TITLE} when it is another document's title ({@link TitleDictionary}), as
 *       is a known title the passage names that the LLM left out;
 *   <li>each relation whose both ends are entities of the passage is a {@link Fact} typed with its
 *       predicate in snake_case ({@code born_in}); no co-occurrence facts are made.
 * </ul>
 *
 * <p>When a call covers several passages, an entity belongs to the passages whose text names it
 * (the first of them when none does), and a relation to the passages naming both ends (else to the
 * first naming either, which then mentions both).
 *
 * <p>Each chat call is bounded by the configured timeout and is not retried. A timeout, an HTTP
 * error, or output that does not parse or is off-schema throws {@link ExtractionException} with the
 * reason; {@link FallbackExtractor} then falls back to the default extractor.
 *
 * <p>Thread-safe.
 */
public final class OllamaExtractor implements Extractor {

  /** Passages are sent together while their text stays within this many characters. */
  static final int GROUP_CHARS = 2000;

  /** The longest reason an exception carries (it ends up in {@link Extraction#extractor()}). */
  static final int MAX_REASON = 160;

  /** {@code {"entities":[{"name","type"}],"relations":[{"source","relation","target"}]}}. */
  static final JsonSchema SCHEMA = JsonSchema.builder()
      .name("graph_extraction")
      .rootElement(JsonObjectSchema.builder()
          .addProperty("entities", JsonArraySchema.builder()
              .items(JsonObjectSchema.builder()
                  .addProperty("name", JsonStringSchema.builder().build())
                  .addProperty("type", JsonStringSchema.builder().build())
                  .required("name", "type")
                  .additionalProperties(false)
                  .build())
              .build())
          .addProperty("relations", JsonArraySchema.builder()
              .items(JsonObjectSchema.builder()
                  .addProperty("source", JsonStringSchema.builder().build())
                  .addProperty("relation", JsonStringSchema.builder().build())
                  .addProperty("target", JsonStringSchema.builder().build())
                  .required("source", "relation", "target")
                  .additionalProperties(false)
                  .build())
              .build())
          .required("entities", "relations")
          .additionalProperties(false)
          .build())
      .build();

  static final ResponseFormat RESPONSE_FORMAT =
      ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(SCHEMA).build();

  static final String SYSTEM_PROMPT = """
      You extract a knowledge graph from text. Answer with JSON only, matching the given schema.
      "entities": the named things the text mentions: people, organizations, places, works, \
      events, dates, products and key concepts. "name" is the name as the text writes it; "type" \
      is one lower-case word such as person, organization, location, work, event, date, product \
      or concept.
      "relations": facts the text states between two of those entities. "source" and "target" \
      are entity names exactly as in "entities"; "relation" is a short predicate in snake_case \
      such as founded, born_in, member_of, located_in, directed, part_of.
      Only extract what the text states; do not add outside knowledge.""";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019.][\\p{L}\\p{N}]+)*\\.?");
  private static final Pattern FENCE = Pattern.compile("(?s)^```[a-zA-Z]*\\s*(.*?)\\s*```$");

  private final OllamaExtractorConfig config;
  private final ChatModel chat;

  /** Builds the langchain4j chat model for {@code config}; it sends nothing until the first document. */
  public OllamaExtractor(OllamaExtractorConfig config) {
    this(config, OllamaChatModel.builder()
        .baseUrl(config.url())
        .modelName(config.model())
        .timeout(config.timeout())
        .maxRetries(0) // a retry would double the wall time a slow LLM costs each document
        .temperature(0.0)
        .logRequests(false)
        .logResponses(false)
        .build());
  }

  /** Over any langchain4j chat model (tests). */
  OllamaExtractor(OllamaExtractorConfig config, ChatModel chat) {
    this.config = Objects.requireNonNull(config, "config");
    this.chat = Objects.requireNonNull(chat, "chat");
  }

  @Override
  public String name() {
    return "ollama:" + config.model();
  }

  @Override
  public Extraction extract(Document document, String contentHash, List<Passage> passages, TitleDictionary titles) {
    String title = document.title();
    Mention own = Mention.ownTitle(title);
    List<Facts> all = new ArrayList<>(passages.size());
    for (Passage p : passages) {
      all.add(new Facts(p, own));
    }
    for (List<Facts> group : groups(all)) {
      Answer answer = parse(call(title, group));
      assign(answer, group, titles);
    }
    List<PassageFacts> out = new ArrayList<>(all.size());
    for (Facts f : all) {
      if (titles != null) {
        f.addKnownTitles(titles);
      }
      out.add(f.build());
    }
    return new Extraction(document.id(), contentHash, title,
        document.date() == null ? null : document.date().day(), name(), out);
  }

  // ---------------------------------------------------------------------------------------------
  // calls

  /** Consecutive non-blank passages, together while within {@link #GROUP_CHARS}. */
  static List<List<Facts>> groups(List<Facts> passages) {
    List<List<Facts>> out = new ArrayList<>();
    List<Facts> current = new ArrayList<>();
    int chars = 0;
    for (Facts f : passages) {
      int n = f.passage.text().strip().length();
      if (n == 0) {
        continue;
      }
      if (!current.isEmpty() && chars + n > GROUP_CHARS) {
        out.add(current);
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(f);
      chars += n;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private String call(String title, List<Facts> group) {
    StringBuilder prompt = new StringBuilder();
    if (!title.isBlank()) {
      prompt.append("Title: ").append(title.strip()).append("\n\n");
    }
    prompt.append("Text:\n");
    for (int i = 0; i < group.size(); i++) {
      if (i > 0) {
        prompt.append("\n\n");
      }
      prompt.append(group.get(i).passage.text().strip());
    }
    ChatRequest request = ChatRequest.builder()
        .messages(SystemMessage.from(SYSTEM_PROMPT), UserMessage.from(prompt.toString()))
        .responseFormat(RESPONSE_FORMAT)
        .build();
    ChatResponse response;
    try {
      response = chat.chat(request);
    } catch (RuntimeException e) {
      throw new ExtractionException(describe(e), e);
    }
    AiMessage message = response == null ? null : response.aiMessage();
    String text = message == null ? null : message.text();
    if (text == null || text.isBlank()) {
      throw new ExtractionException("empty output from " + name());
    }
    return text;
  }

  /** A short, one-line reason for a failed call. */
  String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof dev.langchain4j.exception.TimeoutException
          || t instanceof java.net.http.HttpTimeoutException
          || t instanceof java.net.SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return "timed out after " + config.timeout().toMillis() + " ms";
      }
      if (t instanceof HttpException h) {
        return shorten("HTTP " + h.statusCode() + ": " + ollamaError(h.getMessage()));
      }
      if (t instanceof ConnectException) {
        return shorten("cannot connect to " + config.url()
            + (t.getMessage() == null ? "" : ": " + t.getMessage()));
      }
    }
    return shorten(e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /** Ollama's {@code {"error":"..."}} body as its message; any other body as it is. */
  static String ollamaError(String body) {
    if (body != null && body.strip().startsWith("{")) {
      try {
        JsonNode error = JSON.readTree(body).path("error");
        if (error.isTextual() && !error.asText().isBlank()) {
          return error.asText();
        }
      } catch (JsonProcessingException e) {
        // not JSON after all
      }
    }
    return body;
  }

  static String shorten(String reason) {
    String s = reason == null ? "" : reason.replaceAll("\\s+", " ").strip();
    return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 3) + "...";
  }

  // ---------------------------------------------------------------------------------------------
  // output

  record Entity(String name, String type) {}

  record Relation(String source, String relation, String target) {}

  record Answer(List<Entity> entities, List<Relation> relations) {}

  /** Parses and checks the LLM's output against {@link #SCHEMA}. */
  static Answer parse(String content) {
    String text = content.strip();
    Matcher fence = FENCE.matcher(text);
    if (fence.matches()) {
      text = fence.group(1);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ExtractionException(shorten("unparsable output: " + e.getOriginalMessage()
          + " in '" + content.strip() + "'"), e);
    }
    if (root == null || !root.isObject()) {
      throw offSchema("not a JSON object", content);
    }
    JsonNode entities = root.get("entities");
    JsonNode relations = root.get("relations");
    if (entities == null || !entities.isArray()) {
      throw offSchema("no \"entities\" array", content);
    }
    if (relations == null || !relations.isArray()) {
      throw offSchema("no \"relations\" array", content);
    }
    List<Entity> es = new ArrayList<>(entities.size());
    for (JsonNode e : entities) {
      if (!e.isObject() || !e.path("name").isTextual()
          || !(e.path("type").isTextual() || e.path("type").isMissingNode() || e.path("type").isNull())) {
        throw offSchema("an entity is not {\"name\",\"type\"}", content);
      }
      es.add(new Entity(e.get("name").asText().strip(), e.path("type").asText("").strip()));
    }
    List<Relation> rs = new ArrayList<>(relations.size());
    for (JsonNode r : relations) {
      if (!r.isObject() || !r.path("source").isTextual() || !r.path("relation").isTextual()
          || !r.path("target").isTextual()) {
        throw offSchema("a relation is not {\"source\",\"relation\",\"target\"}", content);
      }
      rs.add(new Relation(r.get("source").asText().strip(), r.get("relation").asText().strip(),
          r.get("target").asText().strip()));
    }
    return new Answer(es, rs);
  }

  private static ExtractionException offSchema(String why, String content) {
    return new ExtractionException(shorten("off-schema output: " + why + " in '" + content.strip() + "'"));
  }

  /** {@code "Born In"}, {@code "bornIn"}, {@code "born-in"}: {@code born_in}; empty when nothing is left. */
  static String snakeCase(String s) {
    String t = EntityKeys.fold(s);
    t = t.replaceAll("(\\p{Ll}|\\p{N})(\\p{Lu})", "$1_$2").toLowerCase(Locale.ROOT);
    return t.replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
  }

  private static void assign(Answer answer, List<Facts> group, TitleDictionary titles) {
    // entity key -> its mention, in the LLM's order
    Map<String, Mention> entities = new LinkedHashMap<>();
    for (Entity e : answer.entities()) {
      String key = EntityKeys.of(e.name());
      if (key.isEmpty() || entities.containsKey(key)) {
        continue;
      }
      String type = titles != null && titles.contains(key) ? Mention.TITLE : snakeCase(e.type());
      entities.put(key, new Mention(key, e.name(), type));
    }
    for (Mention m : entities.values()) {
      List<Facts> in = naming(group, m.key());
      (in.isEmpty() ? group.subList(0, 1) : in).forEach(f -> f.mention(m));
    }
    for (Relation r : answer.relations()) {
      String source = EntityKeys.of(r.source());
      String target = EntityKeys.of(r.target());
      String type = snakeCase(r.relation());
      if (source.isEmpty() || target.isEmpty() || source.equals(target) || type.isEmpty()) {
        continue;
      }
      List<Facts> both = new ArrayList<>();
      Facts either = null;
      for (Facts f : group) {
        boolean s = f.mentions.containsKey(source);
        boolean t = f.mentions.containsKey(target);
        if (s && t) {
          both.add(f);
        } else if ((s || t) && either == null) {
          either = f;
        }
      }
      if (both.isEmpty() && either != null) {
        Mention ms = entities.get(source);
        Mention mt = entities.get(target);
        if (ms == null || mt == null) {
          continue; // an end the LLM did not list as an entity (nor the title)
        }
        either.mention(ms);
        either.mention(mt);
        both.add(either);
      }
      Fact fact = new Fact(source, target, type);
      both.forEach(f -> f.fact(fact));
    }
  }

  /** The passages of {@code group} whose text names {@code key} (word-bounded, by key). */
  private static List<Facts> naming(List<Facts> group, String key) {
    if (group.size() == 1) {
      return group;
    }
    List<Facts> out = new ArrayList<>();
    String needle = " " + key + " ";
    for (Facts f : group) {
      if (f.keyText().contains(needle)) {
        out.add(f);
      }
    }
    return out;
  }

  /** What one passage collects. */
  static final class Facts {
    final Passage passage;
    final Map<String, Mention> mentions = new LinkedHashMap<>();
    final Map<Fact, Boolean> facts = new LinkedHashMap<>();
    private String keyText;

    Facts(Passage passage, Mention own) {
      this.passage = passage;
      if (own != null) {
        mentions.put(own.key(), own);
      }
    }

    String keyText() {
      if (keyText == null) {
        keyText = " " + EntityKeys.of(passage.text()) + " ";
      }
      return keyText;
    }

    /** Adds a mention; a title mention wins over any other of the same key. */
    void mention(Mention m) {
      Mention known = mentions.putIfAbsent(m.key(), m);
      if (known != null && !known.type().equals(Mention.TITLE) && m.type().equals(Mention.TITLE)) {
        mentions.put(m.key(), m);
      }
    }

    void fact(Fact f) {
      if (mentions.containsKey(f.source()) && mentions.containsKey(f.target())) {
        facts.putIfAbsent(f, Boolean.TRUE);
      }
    }

    /** Known titles the passage names that the LLM did not list. */
    void addKnownTitles(TitleDictionary titles) {
      if (titles.size() == 0 || passage.text().isBlank()) {
        return;
      }
      List<String> tokens = new ArrayList<>();
      Matcher m = WORD.matcher(passage.text());
      while (m.find()) {
        tokens.add(m.group());
      }
      for (int[] span : titles.find(tokens)) {
        String name = String.join(" ", tokens.subList(span[0], span[1]));
        String key = EntityKeys.of(name);
        if (!key.isEmpty()) {
          mention(new Mention(key, name, Mention.TITLE));
        }
      }
    }

    PassageFacts build() {
      return new PassageFacts(passage.ordinal(), List.copyOf(mentions.values()), List.copyOf(facts.keySet()));
    }
  }
}
