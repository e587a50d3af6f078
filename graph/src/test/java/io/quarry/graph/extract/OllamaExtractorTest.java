package io.quarry.graph.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.core.document.PublishDate;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OllamaExtractorTest {

  static final String TEXT = "The Beatles were formed in Liverpool by John Lennon and Paul McCartney.";

  static final String ANSWER = """
      {"entities":[
        {"name":"The Beatles","type":"Organization"},
        {"name":"Liverpool","type":"Location"},
        {"name":"John Lennon","type":"Person"},
        {"name":"Paul McCartney","type":"Musical Artist"}
      ],
      "relations":[
        {"source":"The Beatles","relation":"formed in","target":"Liverpool"},
        {"source":"John Lennon","relation":"coFounded","target":"The Beatles"},
        {"source":"Paul McCartney","relation":"co-founded","target":"the beatles"},
        {"source":"John Lennon","relation":"knows","target":"Ringo Starr"},
        {"source":"Liverpool","relation":"","target":"John Lennon"},
        {"source":"Liverpool","relation":"is","target":"Liverpool"}
      ]}""";

  private FakeOllamaChat fake;
  private OllamaExtractor extractor;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeOllamaChat();
    extractor = new OllamaExtractor(new OllamaExtractorConfig(fake.baseUrl(), "test-model",
        Duration.ofSeconds(5), 3, Duration.ofSeconds(30)));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static Document doc(String id, String title, String text) {
    return Document.of(id, title, text).withDate(PublishDate.ofDay(LocalDate.of(2024, 3, 1)));
  }

  /** The passages of {@code texts}, laid end to end with one space between. */
  static List<Passage> passages(String... texts) {
    List<Passage> out = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < texts.length; i++) {
      out.add(new Passage(i, at, at + texts[i].length(), texts[i]));
      at += texts[i].length() + 1;
    }
    return out;
  }

  static Map<String, String> types(PassageFacts p) {
    return p.mentions().stream().collect(Collectors.toMap(Mention::key, Mention::type));
  }

  @Test
  void entitiesAndTypedRelationsBecomePassageFacts() {
    fake.answer(ANSWER);
    Extraction x = extractor.extract(doc("d1", "The Beatles", TEXT), "h1", passages(TEXT), new TitleDictionary());

    assertEquals("ollama:test-model", extractor.name());
    assertEquals("ollama:test-model", x.extractor());
    assertEquals("d1", x.documentId());
    assertEquals("h1", x.contentHash());
    assertEquals("The Beatles", x.title());
    assertEquals(LocalDate.of(2024, 3, 1), x.date());
    assertEquals(1, x.passages().size());
    PassageFacts p = x.passages().get(0);
    assertEquals(0, p.ordinal());
    assertEquals(Map.of(
        "beatles", Mention.TITLE, // the document's own title wins over the LLM's type
        "liverpool", "location",
        "john lennon", "person",
        "paul mccartney", "musical_artist"), types(p));
    assertEquals("The Beatles", p.mentions().get(0).name());
    assertEquals(List.of(
        new Fact("beatles", "liverpool", "formed_in"),
        new Fact("john lennon", "beatles", "co_founded"),
        new Fact("paul mccartney", "beatles", "co_founded")), p.facts());
    assertTrue(p.facts().stream().noneMatch(f -> f.type().equals(Fact.CO_OCCURS)));
    assertEquals(1, fake.requestCount());
  }

  @Test
  void sendsTheModelTheJsonSchemaAndThePassage() {
    fake.answer(ANSWER);
    extractor.extract(doc("d1", "The Beatles", TEXT), "h1", passages(TEXT), new TitleDictionary());

    JsonNode request = fake.requests.get(0);
    assertEquals("test-model", request.path("model").asText());
    assertFalse(request.path("stream").asBoolean(true));
    assertEquals(0.0, request.path("options").path("temperature").asDouble(-1), 0.0);
    JsonNode format = request.path("format");
    assertTrue(format.isObject(), "format carries the schema: " + request);
    assertEquals("object", format.path("type").asText());
    assertEquals(List.of("entities", "relations"), strings(format.path("required")));
    JsonNode entity = format.path("properties").path("entities").path("items");
    assertEquals("array", format.path("properties").path("entities").path("type").asText());
    assertEquals("string", entity.path("properties").path("name").path("type").asText());
    assertEquals("string", entity.path("properties").path("type").path("type").asText());
    assertEquals(List.of("name", "type"), strings(entity.path("required")));
    JsonNode relation = format.path("properties").path("relations").path("items");
    assertEquals(List.of("source", "relation", "target"), strings(relation.path("required")));

    JsonNode messages = request.path("messages");
    assertEquals("system", messages.get(0).path("role").asText());
    assertTrue(messages.get(0).path("content").asText().contains("knowledge graph"));
    assertEquals("user", messages.get(1).path("role").asText());
    assertTrue(fake.lastUserMessage().contains("Title: The Beatles"));
    assertTrue(fake.lastUserMessage().contains(TEXT));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void aSmallDocumentIsOneCallAndEntitiesGoToThePassagesThatNameThem() {
    fake.answer("""
        {"entities":[{"name":"Marie Curie","type":"person"},{"name":"Warsaw","type":"location"},
          {"name":"Sorbonne","type":"organization"},{"name":"Radium","type":"concept"}],
         "relations":[{"source":"Marie Curie","relation":"born_in","target":"Warsaw"},
          {"source":"Marie Curie","relation":"taught_at","target":"Sorbonne"}]}""");
    List<Passage> ps = passages("Marie Curie was born in Warsaw.", "She later taught at the Sorbonne.");
    Extraction x = extractor.extract(doc("d2", "", "whatever"), "h", ps, new TitleDictionary());

    assertEquals(1, fake.requestCount());
    assertTrue(fake.lastUserMessage().contains("She later taught"));
    assertFalse(fake.lastUserMessage().contains("Title:"));
    PassageFacts first = x.passages().get(0);
    PassageFacts second = x.passages().get(1);
    // "radium" is named by neither passage: it goes to the first; a relation across passages goes
    // to the first passage naming an end, which then names both
    assertEquals(Map.of("marie curie", "person", "warsaw", "location", "radium", "concept",
        "sorbonne", "organization"), types(first));
    assertEquals(List.of(new Fact("marie curie", "warsaw", "born_in"),
        new Fact("marie curie", "sorbonne", "taught_at")), first.facts());
    assertEquals(Map.of("sorbonne", "organization"), types(second));
    assertTrue(second.facts().isEmpty());
  }

  @Test
  void aLongDocumentIsOneCallPerPassage() {
    String a = "Alpha Corp is based in Oslo. " + "x".repeat(OllamaExtractor.GROUP_CHARS);
    String b = "Beta Ltd is based in Bergen.";
    fake.answer(request -> {
      String user = request.path("messages").get(1).path("content").asText();
      return user.contains("Alpha")
          ? "{\"entities\":[{\"name\":\"Alpha Corp\",\"type\":\"organization\"}],\"relations\":[]}"
          : "{\"entities\":[{\"name\":\"Beta Ltd\",\"type\":\"organization\"}],\"relations\":[]}";
    });
    Extraction x = extractor.extract(doc("d3", "Firms", a + " " + b), "h", passages(a, "  ", b),
        new TitleDictionary());

    assertEquals(2, fake.requestCount(), "the blank passage is not sent");
    assertEquals(3, x.passages().size());
    assertEquals(Map.of("firms", Mention.TITLE, "alpha corp", "organization"), types(x.passages().get(0)));
    assertEquals(Map.of("firms", Mention.TITLE), types(x.passages().get(1)));
    assertEquals(Map.of("firms", Mention.TITLE, "beta ltd", "organization"), types(x.passages().get(2)));
  }

  @Test
  void knownTitlesAreTitleMentionsEvenWhenTheLlmMissesThem() {
    fake.answer("""
        {"entities":[{"name":"Liverpool","type":"location"}],"relations":[]}""");
    TitleDictionary titles = new TitleDictionary();
    titles.add("Liverpool");
    titles.add("Paul McCartney");
    Extraction x = extractor.extract(doc("d4", "The Beatles", TEXT), "h", passages(TEXT), titles);

    Map<String, String> types = types(x.passages().get(0));
    assertEquals(Mention.TITLE, types.get("liverpool"));
    assertEquals(Mention.TITLE, types.get("paul mccartney"));
    assertEquals(Mention.TITLE, types.get("beatles"));
  }

  @Test
  void noPassagesNoCall() {
    Extraction x = extractor.extract(doc("d5", "T", "t"), "h", List.of(), new TitleDictionary());
    assertTrue(x.passages().isEmpty());
    assertEquals(0, fake.requestCount());
  }

  @Test
  void aFencedAnswerIsAccepted() {
    fake.answer("```json\n{\"entities\":[{\"name\":\"Oslo\",\"type\":\"city\"}],\"relations\":[]}\n```");
    Extraction x = extractor.extract(doc("d6", "", "Oslo"), "h", passages("Oslo is cold."), new TitleDictionary());
    assertEquals(Map.of("oslo", "city"), types(x.passages().get(0)));
  }

  @Test
  void offSchemaOutputThrows() {
    for (String bad : List.of(
        "{\"things\":[]}",
        "[1,2,3]",
        "{\"entities\":{},\"relations\":[]}",
        "{\"entities\":[]}",
        "{\"entities\":[{\"type\":\"person\"}],\"relations\":[]}",
        "{\"entities\":[\"Oslo\"],\"relations\":[]}",
        "{\"entities\":[],\"relations\":[{\"source\":\"a\",\"relation\":\"r\"}]}")) {
      fake.answer(bad);
      ExtractionException e = assertThrows(ExtractionException.class, () -> extract(TEXT));
      assertTrue(e.getMessage().startsWith("off-schema output: "), bad + " -> " + e.getMessage());
    }
  }

  @Test
  void garbageThrows() {
    fake.answer("Sure! Here are the entities: Beatles, Liverpool.");
    ExtractionException e = assertThrows(ExtractionException.class, () -> extract(TEXT));
    assertTrue(e.getMessage().startsWith("unparsable output: "), e.getMessage());
    assertTrue(e.getMessage().length() <= OllamaExtractor.MAX_REASON, e.getMessage());

    fake.answer("");
    e = assertThrows(ExtractionException.class, () -> extract(TEXT));
    assertTrue(e.getMessage().startsWith("empty output"), e.getMessage());
  }

  @Test
  void anHttpErrorThrows() {
    fake.failWith(500, "{\"error\":\"model runner has unexpectedly stopped\"}");
    ExtractionException e = assertThrows(ExtractionException.class, () -> extract(TEXT));
    assertEquals("HTTP 500: model runner has unexpectedly stopped", e.getMessage());
    assertEquals(1, fake.requestCount(), "not retried");

    fake.failWith(404, "{\"error\":\"model 'test-model' not found\"}");
    e = assertThrows(ExtractionException.class, () -> extract(TEXT));
    assertEquals("HTTP 404: model 'test-model' not found", e.getMessage());
  }

  @Test
  void aSlowAnswerTimesOut() {
    OllamaExtractor quick = new OllamaExtractor(new OllamaExtractorConfig(fake.baseUrl(), "test-model",
        Duration.ofMillis(300), 3, Duration.ofSeconds(30)));
    fake.answer(ANSWER).delay(Duration.ofSeconds(2));
    long t0 = System.nanoTime();
    ExtractionException e = assertThrows(ExtractionException.class,
        () -> quick.extract(doc("d", "The Beatles", TEXT), "h", passages(TEXT), new TitleDictionary()));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals("timed out after 300 ms", e.getMessage());
    assertTrue(ms < 1_900, "took " + ms + " ms");
    assertEquals(1, fake.requestCount(), "not retried");
  }

  @Test
  void anUnreachableServerThrows() throws Exception {
    String url = fake.baseUrl();
    fake.close();
    OllamaExtractor gone = new OllamaExtractor(new OllamaExtractorConfig(url, "m", Duration.ofSeconds(2), 1,
        Duration.ofSeconds(1)));
    ExtractionException e = assertThrows(ExtractionException.class,
        () -> gone.extract(doc("d", "T", TEXT), "h", passages(TEXT), new TitleDictionary()));
    assertTrue(e.getMessage().startsWith("cannot connect to " + url), e.getMessage());
    fake = new FakeOllamaChat(); // for stop()
  }

  private Extraction extract(String text) {
    return extractor.extract(doc("d", "The Beatles", text), "h", passages(text), new TitleDictionary());
  }

  @Test
  void snakeCase() {
    Function<String, String> s = OllamaExtractor::snakeCase;
    assertEquals("born_in", s.apply("Born In"));
    assertEquals("born_in", s.apply("bornIn"));
    assertEquals("born_in", s.apply(" born-in "));
    assertEquals("co_founded", s.apply("co-founded"));
    assertEquals("member_of", s.apply("MEMBER_OF"));
    assertEquals("cafe_owner", s.apply("café owner"));
    assertEquals("", s.apply(" - "));
  }

  @Test
  void configDefaultsAndValidation() {
    OllamaExtractorConfig d = new OllamaExtractorConfig(null, null, null, 5, null);
    assertEquals(OllamaExtractorConfig.DEFAULT_URL, d.url());
    assertEquals(OllamaExtractorConfig.DEFAULT_MODEL, d.model());
    assertEquals(OllamaExtractorConfig.DEFAULT_TIMEOUT, d.timeout());
    assertEquals(OllamaExtractorConfig.DEFAULT_BREAKER_COOLDOWN, d.breakerCooldown());
    assertEquals(d, OllamaExtractorConfig.of(null, null));

    assertMessage("illegal graph.llm.url: 'ftp://x'", () -> OllamaExtractorConfig.of("ftp://x", "m"));
    assertMessage("illegal graph.llm.url: 'localhost:11434'", () -> OllamaExtractorConfig.of("localhost:11434", "m"));
    assertMessage("illegal graph.llm.model: must not be blank", () -> OllamaExtractorConfig.of(null, " "));
    assertMessage("illegal graph.llm.timeout_ms: 0", () -> d.withTimeout(Duration.ZERO));
    assertMessage("illegal graph.llm.timeout_ms: -5", () -> d.withTimeout(Duration.ofMillis(-5)));
    assertMessage("illegal graph.llm.breaker_failures: 0", () -> d.withBreaker(0, null));
    assertMessage("illegal graph.llm.breaker_cooldown_ms: 0", () -> d.withBreaker(1, Duration.ZERO));
  }

  private static void assertMessage(String prefix, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }
}
