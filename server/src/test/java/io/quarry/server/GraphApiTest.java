package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge graph through the API, on a small multi-hop fixture: every graph setting changes
 * what {@code POST /v1/search} returns, or the answer says why the leg did not run; the graph is
 * built at ingest, shown in {@code /v1/stats} and {@code /health}, inspectable, and follows
 * deletes.
 */
class GraphApiTest {

  /** Wikipedia-like passages: the bridge from the journal to its society is in the journal's text. */
  static final String DOCS = """
      {"documents": [
        {"id": "jpi", "title": "Journal of Psychotherapy Integration", "text": "The Journal of Psychotherapy Integration is a quarterly peer-reviewed academic journal. It is published by the Society for the Exploration of Psychotherapy Integration on behalf of its members."},
        {"id": "sepi", "title": "Society for the Exploration of Psychotherapy Integration", "text": "The Society for the Exploration of Psychotherapy Integration was founded in 1983 by clinicians from several schools. Paul Wachtel was among its founders and served as its first president.", "date": "2020-01-01"},
        {"id": "apa", "title": "American Psychological Association", "text": "The American Psychological Association is the largest association of psychologists. G. Stanley Hall was the first president of the association, which publishes many journals."},
        {"id": "hall", "title": "G. Stanley Hall", "text": "Granville Stanley Hall was a pioneering American psychologist and the first president of Clark University."},
        {"id": "clark", "title": "Clark University", "text": "Clark University is a private research university in Worcester, Massachusetts."},
        {"id": "wachtel", "title": "Paul Wachtel", "text": "Paul L. Wachtel is an American psychologist known for cyclical psychodynamics and psychotherapy integration."},
        {"id": "rover", "title": "Mars rover", "text": "The Perseverance rover detected organic molecules in rocks of Jezero crater on Mars."}
      ]}""";

  static final String QUESTION =
      "Who was the first president of the association which published Journal of Psychotherapy Integration?";

  @TempDir Path data;

  private static String deep(String query, String extra) {
    return "{\"query\": \"" + query + "\", \"mode\": \"deep\", \"k\": 5, \"explain\": true" + extra + "}";
  }

  private static List<String> ids(Reply r) {
    List<String> out = new ArrayList<>();
    r.json().get("hits").forEach(h -> out.add(h.get("id").asText()));
    return out;
  }

  private static JsonNode hit(Reply r, String id) {
    for (JsonNode h : r.json().get("hits")) {
      if (h.get("id").asText().equals(id)) {
        return h;
      }
    }
    return null;
  }

  private ApiTestSupport server(String dir, Map<String, String> settings, boolean docs) throws Exception {
    ApiTestSupport api = new ApiTestSupport(data.resolve(dir), settings);
    if (docs) {
      assertEquals(200, api.post("/v1/documents", DOCS).status());
    }
    return api;
  }

  @Test
  void should_walk_from_the_named_journal_to_its_society_and_explain_the_path() throws Exception {
    try (ApiTestSupport api = server("auto", Map.of("graph.min_passages", "1"), true)) {
      Reply r = api.post("/v1/search", deep(QUESTION, ""));
      assertEquals(200, r.status(), String.valueOf(r.json()));
      assertNull(r.dropped("graph"), String.valueOf(r.json().get("dropped")));
      JsonNode sepi = hit(r, "sepi");
      assertNotNull(sepi, "hits: " + ids(r));
      assertTrue(sepi.get("legs").has("graph"), sepi.toString());
      JsonNode graph = r.json().get("explain").get("legs").get("graph");
      List<String> linked = new ArrayList<>();
      graph.get("linked_entities").forEach(e -> linked.add(e.get("key").asText()));
      assertTrue(linked.contains("journal of psychotherapy integration"), linked.toString());
      // the path runs from a linked entity, through the passages and entities between, to the
      // society's passage
      JsonNode path = graph.get("paths").get("sepi");
      assertNotNull(path, graph.toString());
      assertTrue(linked.contains(path.get(0).asText()), path.toString());
      assertEquals("sepi#0", path.get(path.size() - 1).asText());
      assertTrue(r.json().get("timings_ms").has("graph"));

      // mode=auto sends a query naming several graph entities deep, and says why
      Reply auto = api.post("/v1/search", "{\"query\": \"Paul Wachtel Journal of Psychotherapy Integration\", \"mode\": \"auto\"}");
      assertEquals("deep", auto.json().get("mode").asText(), auto.json().toString());
      assertTrue(auto.json().get("route").get("reason").asText().contains("entities of the knowledge graph"),
          auto.json().get("route").toString());
      Reply plain = api.post("/v1/search", "{\"query\": \"organic molecules in rocks\", \"mode\": \"auto\"}");
      assertEquals("fast", plain.json().get("mode").asText(), plain.json().toString());
    }
  }

  @Test
  void should_gate_the_leg_for_a_query_that_names_no_entity_in_auto_and_run_it_when_on() throws Exception {
    String vague = "who founded the society and served first?";
    try (ApiTestSupport auto = server("auto2", Map.of("graph.min_passages", "1"), true)) {
      Reply r = auto.post("/v1/search", deep(vague, ""));
      assertEquals(200, r.status(), String.valueOf(r.json()));
      assertEquals("gated", r.dropped("graph").get("reason").asText());
      assertEquals("the query names no entity of the graph", r.dropped("graph").get("detail").asText());
      // and a request may turn it off
      Reply narrowed = auto.post("/v1/search", deep(QUESTION, ", \"legs\": [\"bm25\", \"vector\"]"));
      assertEquals("not_requested", narrowed.dropped("graph").get("reason").asText());
      // the graph too small for auto's default minimum is gated, with the minimum named
    }
    try (ApiTestSupport on = server("on", Map.of("graph.enabled", "on"), true)) {
      Reply r = on.post("/v1/search", deep(vague, ""));
      assertNull(r.dropped("graph"), String.valueOf(r.json().get("dropped")));
      boolean graphScored = false;
      for (JsonNode h : r.json().get("hits")) {
        graphScored |= h.get("legs").has("graph");
      }
      assertTrue(graphScored, "with graph.enabled=on the first hop alone seeds the walk");
    }
  }

  @Test
  void should_open_auto_on_a_proper_name_only_when_graph_gate_asks_for_names() throws Exception {
    String named = "Which university is in Worcester?"; // Worcester is a name, not any document's title
    try (ApiTestSupport title = server("gate-title", Map.of("graph.min_passages", "1"), true)) {
      Reply r = title.post("/v1/search", deep(named, ""));
      assertEquals("gated", r.dropped("graph").get("reason").asText(), String.valueOf(r.json().get("dropped")));
      assertEquals("the query names no document's subject (no linked entity is a title)",
          r.dropped("graph").get("detail").asText());
    }
    try (ApiTestSupport names = server("gate-named", Map.of("graph.min_passages", "1", "graph.gate", "named"), true)) {
      Reply r = names.post("/v1/search", deep(named, ""));
      assertNull(r.dropped("graph"), String.valueOf(r.json().get("dropped")));
      assertTrue(r.json().get("explain").get("legs").get("graph").get("linked_entities").toString().contains("worcester"));
    }
  }

  @Test
  void should_say_why_the_graph_did_not_run_when_it_is_off_too_small_or_empty() throws Exception {
    try (ApiTestSupport off = server("off", Map.of("graph.enabled", "off"), true)) {
      Reply r = off.post("/v1/search", deep(QUESTION, ""));
      assertEquals("disabled", r.dropped("graph").get("reason").asText());
      assertEquals("graph.enabled=off", r.dropped("graph").get("detail").asText());
      assertEquals(404, off.get("/v1/graph/entities?q=journal").status());
      assertFalse(off.get("/v1/stats").json().has("graph"));
    }
    try (ApiTestSupport flag = server("flag", Map.of("search.legs.graph", "false", "graph.min_passages", "1"), true)) {
      Reply r = flag.post("/v1/search", deep(QUESTION, ""));
      assertEquals("disabled", r.dropped("graph").get("reason").asText());
      assertEquals("search.legs.graph=false", r.dropped("graph").get("detail").asText());
    }
    try (ApiTestSupport small = server("small", Map.of(), true)) {
      Reply r = small.post("/v1/search", deep(QUESTION, ""));
      assertEquals("gated", r.dropped("graph").get("reason").asText());
      assertEquals("the graph has 7 passages, under graph.min_passages=50", r.dropped("graph").get("detail").asText());
    }
    try (ApiTestSupport empty = server("empty", Map.of("graph.enabled", "on"), false)) {
      Reply r = empty.post("/v1/search", deep(QUESTION, ""));
      assertEquals("gated", r.dropped("graph").get("reason").asText());
      assertEquals("the graph is empty", r.dropped("graph").get("detail").asText());
      // the gate is all an empty graph costs, and the answer shows it
      assertTrue(r.json().get("timings_ms").has("graph"), r.json().get("timings_ms").toString());
      assertEquals("ok", empty.get("/health").json().get("status").asText());
    }
  }

  @Test
  void should_let_the_graph_weight_decide_how_much_the_walk_reorders() throws Exception {
    List<String> light;
    List<Integer> heavyGraphRanks = new ArrayList<>();
    List<String> heavy;
    String body = deep(QUESTION, ", \"variants\": false, \"k\": 4");
    try (ApiTestSupport api = server("w0", Map.of("graph.min_passages", "1", "search.weights.graph", "0.01"), true)) {
      light = ids(api.post("/v1/search", body));
    }
    try (ApiTestSupport api = server("w9", Map.of("graph.min_passages", "1", "search.weights.graph", "50"), true)) {
      Reply r = api.post("/v1/search", body);
      heavy = ids(r);
      r.json().get("hits").forEach(h -> heavyGraphRanks.add(h.get("legs").has("graph")
          ? h.get("legs").get("graph").get("rank").asInt() : Integer.MAX_VALUE));
    }
    // a heavy graph weight gives the walk's own order; a light one leaves the text legs' order
    assertEquals(heavyGraphRanks.stream().sorted().toList(), heavyGraphRanks, heavy + " " + heavyGraphRanks);
    assertFalse(light.equals(heavy), "the same order at weight 0.01 and 50: " + light);
  }

  @Test
  void should_build_at_ingest_show_counts_inspect_entities_and_follow_deletes() throws Exception {
    try (ApiTestSupport api = server("ingest", Map.of("graph.min_passages", "1"), true)) {
      JsonNode stats = api.get("/v1/stats").json();
      JsonNode g = stats.get("graph");
      assertEquals("embedded", g.get("store").asText());
      assertEquals(7, g.get("documents").asInt());
      assertTrue(g.get("entities").asInt() > 10, g.toString());
      assertTrue(g.get("mentions").asInt() >= g.get("entities").asInt(), g.toString());
      assertTrue(g.get("relations").asInt() > 0, g.toString());
      assertNotNull(g.get("last_extraction").textValue());
      assertEquals("ok", stats.get("status").asText());
      assertEquals("ok", api.get("/health").json().get("status").asText());

      Reply found = api.get("/v1/graph/entities?q=psychotherapy%20integration");
      assertEquals(200, found.status());
      List<String> keys = new ArrayList<>();
      found.json().get("entities").forEach(e -> keys.add(e.get("id").asText()));
      assertTrue(keys.contains("journal of psychotherapy integration"), keys.toString());
      Reply one = api.get("/v1/graph/entities/society%20for%20the%20exploration%20of%20psychotherapy%20integration");
      assertEquals(200, one.status(), String.valueOf(one.json()));
      assertEquals("title", one.json().get("type").asText());
      List<String> docs = new ArrayList<>();
      one.json().get("documents").forEach(d -> docs.add(d.asText()));
      assertEquals(List.of("jpi", "sepi"), docs);
      assertTrue(one.json().get("relations").size() > 0);
      assertEquals(404, api.get("/v1/graph/entities/no%20such%20entity").status());
      assertEquals(400, api.get("/v1/graph/entities").status());
      assertEquals(400, api.get("/v1/graph/entities?q=x&limit=0").status());

      // a delete takes the document's passages and the entities only it named out of the graph
      assertEquals(200, api.send("DELETE", "/v1/documents/rover", null).status());
      assertEquals(6, api.get("/v1/stats").json().get("graph").get("documents").asInt());
      assertEquals(404, api.get("/v1/graph/entities/jezero%20crater").status());
    }
  }
}
