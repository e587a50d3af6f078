package io.quarry.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.server.Startup;
import io.quarry.server.http.BadRequest;
import io.quarry.server.http.SearchBody;
import io.quarry.server.http.SearchJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code search}: ranked, dated passages for a question, with the search API's filters. The
 * result is compact (id, title, date, source, score and the best passage per hit) unless {@code
 * explain} asks for leg ranks, route, timings and freshness too. {@code max_chars} caps the whole
 * result by shortening every passage alike, never by dropping hits.
 */
public final class SearchTool implements Tool {

  static final int DEFAULT_K = 5;
  static final int MAX_K = 50;

  private final Startup startup;
  private final ObjectMapper mapper;
  private final ObjectNode parameters;
  private final int maxQueryChars;

  public SearchTool(Startup startup, ObjectMapper mapper, int maxQueryChars) {
    this.startup = startup;
    this.mapper = mapper;
    this.parameters = schema();
    this.maxQueryChars = maxQueryChars;
  }

  @Override
  public String name() {
    return "search";
  }

  @Override
  public String description() {
    return "Search the documents and knowledge graph Quarry holds. Returns ranked passages with their"
        + " title, date, source, document id and score. Use it to find facts before answering; call"
        + " fetch_document with a hit's id to read the whole document. Filter by sources, facets or a"
        + " date range (since/until), or search as of a past day (as_of).";
  }

  @Override
  public ObjectNode parameters() {
    return parameters.deepCopy();
  }

  /** Built once: a call checks its arguments against it. */
  private ObjectNode schema() {
    ObjectNode schema = Schemas.object(mapper);
    ObjectNode p = (ObjectNode) schema.get("properties");
    p.set("query", Schemas.string(mapper, "The question or keywords to search for."));
    p.set("k", Schemas.integer(mapper, "How many hits to return.", 1, MAX_K, DEFAULT_K));
    ObjectNode mode = Schemas.string(mapper, "fast: keyword and vector search fused (quick); deep: a wider"
        + " fan-out with graph and reranking, for multi-hop questions; auto: chosen from the query.");
    mode.set("enum", mapper.valueToTree(List.of("auto", "fast", "deep")));
    mode.put("default", "auto");
    p.set("mode", mode);
    ObjectNode sources = mapper.createObjectNode().put("type", "array")
        .put("description", "Only documents from these sources.");
    sources.set("items", mapper.createObjectNode().put("type", "string"));
    p.set("sources", sources);
    ObjectNode facets = mapper.createObjectNode().put("type", "object")
        .put("description", "Only documents whose facet holds one of the values, e.g. {\"tags\": [\"ml\"]}.");
    ObjectNode values = mapper.createObjectNode().put("type", "array");
    values.set("items", mapper.createObjectNode().put("type", "string"));
    facets.set("additionalProperties", values);
    p.set("facets", facets);
    p.set("since", Schemas.date(mapper, "Only documents dated on or after this day."));
    p.set("until", Schemas.date(mapper, "Only documents dated on or before this day."));
    p.set("as_of", Schemas.date(mapper, "Search as if today were this day: later documents are left out."));
    p.set("explain", mapper.createObjectNode().put("type", "boolean").put("default", false)
        .put("description", "Also return each hit's rank per retrieval leg, the route taken, timings and freshness."));
    p.set("max_chars", Schemas.integer(mapper, "Longest result in characters; passages are shortened to fit.",
        Budget.MIN_CHARS, Budget.MAX_CHARS, Budget.DEFAULT_CHARS));
    ((ArrayNode) schema.get("required")).add("query");
    return schema;
  }

  @Override
  public String call(JsonNode arguments) {
    Arguments a = new Arguments(arguments);
    Schemas.rejectUnknown(arguments, parameters);
    String query = a.requiredString("query");
    int k = a.integer("k", DEFAULT_K, 1, MAX_K);
    boolean explain = a.bool("explain");
    int maxChars = a.integer("max_chars", Budget.DEFAULT_CHARS, Budget.MIN_CHARS, Budget.MAX_CHARS);
    SearchBody body = new SearchBody(query, k, a.string("mode"), a.string("as_of"), a.string("since"),
        a.string("until"), strings(a.raw().get("sources"), "sources"), facets(a.raw().get("facets")), null,
        explain, false, null, null, null, null, null);
    SearchRequest request;
    try {
      request = body.toRequest(startup.engine().legs(), maxQueryChars);
    } catch (BadRequest e) {
      // one validation for the API and the tools; the model knows its inputs as arguments
      throw new ToolException(e.getMessage().replace("field '", "argument '"));
    }
    SearchResponse r = startup.engine().search(request);
    return Budget.fit(mapper, result(query, r, explain), maxChars);
  }

  private Budget.Result result(String query, SearchResponse r, boolean explain) {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("query", query);
    head.put("mode", r.mode().wireName());
    if (r.partial()) {
      head.put("partial", true);
    }
    SearchJson full = explain ? SearchJson.of(r) : null;
    List<Map<String, Object>> hits = new ArrayList<>();
    List<String> passages = new ArrayList<>();
    for (Hit h : r.hits()) {
      Map<String, Object> hit = new LinkedHashMap<>();
      hit.put("id", h.id());
      hit.put("title", h.title());
      hit.put("date", h.date() == null ? null : h.date().toString());
      hit.put("source", h.source());
      hit.put("score", Math.round(h.score() * 10_000) / 10_000.0);
      if (explain) {
        hit.put("url", h.url());
        hit.put("passage_index", h.passage());
        hit.put("legs", h.legs());
      }
      hits.add(hit);
      passages.add(h.text() == null ? "" : h.text());
    }
    Map<String, Object> tail = new LinkedHashMap<>();
    if (explain) {
      tail.put("route", full.route());
      tail.put("dropped", full.dropped());
      tail.put("timings_ms", full.timingsMs());
      tail.put("time_range", full.timeRange());
      tail.put("freshness", full.freshness());
    }
    return new Budget.Result(head, hits, "passage", passages, tail);
  }

  private static List<String> strings(JsonNode v, String name) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return List.of(v.asText());
    }
    if (!v.isArray()) {
      throw new ToolException("argument '" + name + "' must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new ToolException("argument '" + name + "' must be a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  private static Map<String, List<String>> facets(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new ToolException("argument 'facets' must be an object of facet names to lists of values");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    v.properties().forEach(e -> out.put(e.getKey(), strings(e.getValue(), "facets." + e.getKey())));
    return out;
  }
}
