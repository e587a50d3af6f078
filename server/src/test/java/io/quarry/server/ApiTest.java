package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public HTTP API end to end: a real server, the real bge-small ONNX model, Lucene on disk.
 * Every search feature of the fast path is driven through {@code POST /v1/search} here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {

  @TempDir static Path data;
  private ApiTestSupport api;

  static final String DOCS = """
      {"documents": [
        {"id": "aspirin-heart", "title": "Aspirin and heart attacks", "text": "Daily low-dose aspirin reduces the risk of a first heart attack in some adults. Bleeding in the stomach is the main side effect of long-term aspirin therapy.", "date": "2021-03-01", "source": "journal", "url": "https://example.org/a", "facets": {"lang": "en", "topic": ["cardiology"]}},
        {"id": "statins", "title": "Statins lower cholesterol", "text": "Statins reduce LDL cholesterol and the risk of cardiovascular events such as strokes. Muscle pain is a commonly reported side effect.", "date": "2022-07-15", "source": "journal", "facets": {"lang": "en", "topic": ["cardiology"]}},
        {"id": "vitamin-d", "title": "Vitamin D and bone health", "text": "Vitamin D helps the body absorb calcium, which keeps bones strong. A deficiency can lead to rickets in children.", "date": "2023-01-10", "source": "news", "facets": {"lang": "en", "topic": ["nutrition"]}},
        {"id": "exercise-sleep", "title": "Exercise and sleep", "text": "Regular aerobic exercise improves sleep quality and helps people fall asleep faster.", "source": "news"},
        {"id": "aspirin-children", "title": "Aspirin in children", "text": "Aspirin is not recommended for children because of the risk of Reye syndrome.", "date": "2023-06-20", "source": "news", "facets": {"lang": "de"}},
        {"id": "mars-rover", "title": "Rover finds organic molecules on Mars", "text": "The Perseverance rover detected organic molecules in rocks of Jezero crater, an ancient lake bed.", "date": "2023-07-21T09:30:00Z", "source": "news"}
      ]}""";

  @BeforeAll
  void start() throws Exception {
    api = new ApiTestSupport(data, Map.of());
    Reply r = api.post("/v1/documents", DOCS);
    assertEquals(200, r.status(), String.valueOf(r.json()));
    assertEquals(6, r.json().get("indexed").asInt());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private Reply search(String body) throws Exception {
    return api.post("/v1/search", body);
  }

  private static List<String> ids(Reply r) {
    List<String> ids = new ArrayList<>();
    r.json().get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  private static void assertProblem(Reply r, int status, String detailPart) {
    assertEquals(status, r.status(), String.valueOf(r.json()));
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    assertEquals(status, r.json().get("status").asInt());
    assertTrue(r.json().get("type").asText().startsWith("urn:quarry:problem:"));
    assertTrue(r.json().get("detail").asText().contains(detailPart), r.json().get("detail").asText());
  }

  @Test
  void should_answer_health_ready_and_stats() throws Exception {
    assertEquals(200, api.get("/health").status());
    assertEquals("ready", api.get("/ready").json().get("status").asText());
    JsonNode stats = api.get("/v1/stats").json();
    assertTrue(stats.get("documents").asInt() >= 5);
    assertEquals("bge-small-en-v1.5-q", stats.get("embedding_model").asText());
    assertEquals(384, stats.get("dimension").asInt());
    assertEquals("ok", stats.get("status").asText());
    assertTrue(stats.get("index_bytes").asLong() > 0);
  }

  @Test
  void should_fuse_bm25_and_vector_with_per_leg_ranks_and_timings() throws Exception {
    Reply r = search("{\"query\": \"does aspirin prevent heart attacks\", \"k\": 3, \"mode\": \"fast\"}");
    assertEquals(200, r.status());
    JsonNode top = r.json().get("hits").get(0);
    assertEquals("aspirin-heart", top.get("id").asText());
    assertEquals(1, top.get("legs").get("bm25").get("rank").asInt());
    assertEquals(1, top.get("legs").get("vector").get("rank").asInt());
    assertTrue(top.get("legs").get("vector").get("score").asDouble() > 0.5);
    assertEquals("2021-03-01", top.get("date").asText());
    assertEquals("journal", top.get("source").asText());
    assertTrue(top.get("text").asText().startsWith("Daily low-dose aspirin"));
    assertEquals("fast", r.json().get("mode").asText());
    assertFalse(r.json().get("partial").asBoolean());
    JsonNode t = r.json().get("timings_ms");
    for (String stage : List.of("embed", "bm25", "vector", "fuse", "hydrate", "total")) {
      assertTrue(t.has(stage), "missing timing " + stage + " in " + t);
    }
    assertTrue(r.json().get("hits").size() <= 3);
  }

  @Test
  void should_find_by_meaning_through_the_vector_leg_alone() throws Exception {
    // No query word occurs in the document: only the embedding can connect them.
    Reply r = search("{\"query\": \"red planet exploration robot\", \"legs\": [\"vector\"], \"k\": 1}");
    assertEquals(List.of("mars-rover"), ids(r));
    assertEquals("bm25", r.json().get("dropped").get(0).get("leg").asText());
    assertEquals("not_requested", r.json().get("dropped").get(0).get("reason").asText());
    Reply bm25 = search("{\"query\": \"red planet exploration robot\", \"legs\": [\"bm25\"]}");
    assertEquals(List.of(), ids(bm25));
  }

  @Test
  void should_apply_source_facet_and_date_filters() throws Exception {
    assertEquals(List.of("aspirin-children"), ids(search(
        "{\"query\": \"aspirin\", \"legs\": [\"bm25\"], \"sources\": [\"news\"]}")));
    assertEquals(List.of("aspirin-children"), ids(search(
        "{\"query\": \"aspirin\", \"legs\": [\"bm25\"], \"facets\": {\"lang\": \"de\"}}")));
    assertEquals(List.of("aspirin-heart"), ids(search(
        "{\"query\": \"aspirin\", \"legs\": [\"bm25\"], \"until\": \"2022-12-31\"}")));
    assertEquals(List.of("aspirin-children"), ids(search(
        "{\"query\": \"aspirin\", \"legs\": [\"bm25\"], \"since\": \"2023-01-01\", \"until\": \"2023-12-31\"}")));
  }

  @Test
  void should_return_nothing_dated_after_as_of_but_keep_undated() throws Exception {
    Reply r = search("{\"query\": \"risk sleep rover aspirin vitamin\", \"k\": 20, \"as_of\": \"2023-01-10\"}");
    List<String> got = ids(r);
    assertTrue(got.contains("exercise-sleep"), got.toString());
    assertTrue(got.contains("vitamin-d"), got.toString());
    assertFalse(got.contains("aspirin-children"), got.toString());
    assertFalse(got.contains("mars-rover"), got.toString());
    r.json().get("hits").forEach(h -> {
      if (h.has("date")) {
        assertTrue(h.get("date").asText().compareTo("2023-01-11") < 0, h.toString());
      }
    });
  }

  @Test
  void should_return_passages_and_explain_when_asked() throws Exception {
    Reply r = search("{\"query\": \"calcium bones\", \"passages\": true, \"explain\": true, \"k\": 2}");
    JsonNode top = r.json().get("hits").get(0);
    assertEquals("vitamin-d", top.get("id").asText());
    assertEquals(0, top.get("passage").asInt());
    JsonNode explain = r.json().get("explain");
    assertEquals("score(minmax, weights={bm25=1.0, vector=1.5})", explain.get("fusion").asText());
    assertEquals(1, explain.get("query_terms").get("calcium").asInt());
  }

  @Test
  void should_replace_on_upsert_get_and_delete_by_id() throws Exception {
    String doc = "{\"documents\": [{\"id\": \"tmp\", \"title\": \"Temporary\", \"text\": \"Zebras are striped.\"}]}";
    assertEquals(1, api.post("/v1/documents", doc).json().get("indexed").asInt());
    Reply again = api.post("/v1/documents", doc);
    assertEquals(0, again.json().get("indexed").asInt());
    assertEquals(1, again.json().get("unchanged").asInt());
    api.post("/v1/documents", doc.replace("striped", "striped black and white"));
    Reply got = api.get("/v1/documents/tmp");
    assertEquals("Zebras are striped black and white.", got.json().get("text").asText());
    assertEquals(List.of("tmp"), ids(search("{\"query\": \"zebras\", \"legs\": [\"bm25\"]}")));
    assertEquals(200, api.send("DELETE", "/v1/documents/tmp", null).status());
    assertProblem(api.get("/v1/documents/tmp"), 404, "no document with id 'tmp'");
    assertProblem(api.send("DELETE", "/v1/documents/tmp", null), 404, "tmp");
    assertEquals(List.of(), ids(search("{\"query\": \"zebras\", \"legs\": [\"bm25\"]}")));
  }

  @Test
  void should_reject_bad_search_input_naming_the_field() throws Exception {
    assertProblem(search("{\"query\": \"  \"}"), 400, "field 'query' must not be empty");
    assertProblem(search("{\"k\": 3}"), 400, "field 'query' is required");
    assertProblem(search("{\"query\": \"x\", \"k\": 0}"), 400, "field 'k' is 0, must be in 1..1000");
    assertProblem(search("{\"query\": \"x\", \"k\": \"ten\"}"), 400, "field 'k' must be an integer");
    assertProblem(search("{\"query\": \"x\", \"mode\": \"turbo\"}"), 400, "field 'mode': illegal mode: 'turbo'");
    assertProblem(search("{\"query\": \"x\", \"mode\": \"deep\", \"deadline_ms\": 0}"), 400, "field 'deadline_ms' is 0");
    assertProblem(search("{\"query\": \"x\", \"mode\": \"deep\", \"deadline_ms\": 60000}"), 400, "field 'deadline_ms' is 60000, must be at most 10000");
    // the same answer whatever the route: "x" alone would go fast under auto
    assertProblem(search("{\"query\": \"x\", \"mode\": \"auto\", \"deadline_ms\": 60000}"), 400, "field 'deadline_ms' is 60000, must be at most 10000");
    assertProblem(search("{\"query\": \"x\", \"mode\": \"fast\", \"deadline_ms\": 60000}"), 400, "field 'deadline_ms' is 60000, must be at most 10000");
    assertProblem(search("{\"query\": \"x\", \"as_of\": \"2023-13-01\"}"), 400, "field 'as_of' is '2023-13-01', must be a date YYYY-MM-DD");
    assertProblem(search("{\"query\": \"x\", \"since\": \"2023-02-01\", \"until\": \"2023-01-01\"}"), 400, "'since' (2023-02-01) is after 'until'");
    assertProblem(search("{\"query\": \"x\", \"legs\": [\"graf\"]}"), 400, "unknown leg 'graf'");
    assertProblem(search("{\"query\": \"x\", \"mode\": \"fast\", \"legs\": [\"graph\"]}"), 400,
        "field 'legs' names only [graph], which the fast path does not run");
    assertProblem(search("{\"query\": \"x\", \"freshness\": \"newest\"}"), 400, "field 'freshness': illegal freshness strategy: 'newest', must be one of none, vector_date_filter, dual_pass, recency_decay");
    assertProblem(search("{\"query\": \"x\", \"colour\": \"red\"}"), 400, "unknown field 'colour'; accepted fields: [as_of, deadline_ms, explain, facets, freshness, k, legs, mode, passages, query, rerank, since, sources, time_expressions, until, variants]");
    assertProblem(search("{\"query\": \"x\""), 400, "not valid JSON");
    assertProblem(search(""), 400, "body is empty");
    assertProblem(search("[1, 2]"), 400, "must be a JSON object");
    assertProblem(search("{\"query\": \"" + "x".repeat(70_000) + "\"}"), 413, "");
    assertProblem(api.get("/v1/nothing-here"), 404, "/v1/nothing-here not found");
  }

  @Test
  void should_reject_a_bad_batch_without_writing_any_of_it() throws Exception {
    long before = api.get("/v1/stats").json().get("documents").asLong();
    assertProblem(api.post("/v1/documents", "{\"documents\": [{\"id\": \"ok1\", \"text\": \"fine\"},"
        + " {\"id\": \"bad\", \"text\": \"x\", \"date\": \"yesterday\"}]}"), 400, "field 'documents[1].date' is 'yesterday'");
    assertProblem(api.post("/v1/documents", "{\"documents\": [{\"id\": \"ok1\", \"text\": \"fine\"}, {\"title\": \"no id\"}]}"),
        400, "field 'documents[1].id' is required");
    assertProblem(api.post("/v1/documents", "{\"documents\": [{\"id\": \"e\", \"title\": \" \"}]}"), 400, "documents[0].text");
    assertProblem(api.post("/v1/documents", "{\"documents\": [{\"id\": \"u\", \"text\": \"t\", \"author\": \"me\"}]}"),
        400, "unknown field 'documents[0].author'");
    assertProblem(api.post("/v1/documents", "{\"documents\": []}"), 400, "at least one document");
    StringBuilder many = new StringBuilder("{\"documents\": [");
    for (int i = 0; i < 51; i++) {
      many.append(i == 0 ? "" : ",").append("{\"id\": \"m").append(i).append("\", \"text\": \"t\"}");
    }
    assertProblem(api.post("/v1/documents", many + "]}"), 413, "at most 50 per request");
    assertEquals(before, api.get("/v1/stats").json().get("documents").asLong());
    assertProblem(api.get("/v1/documents/ok1"), 404, "ok1");
  }

  @Test
  void should_keep_documents_after_restart() throws Exception {
    Path other = Files.createTempDirectory("quarry-restart");
    try (ApiTestSupport first = new ApiTestSupport(other, Map.of("index.vectors", "false"))) {
      first.post("/v1/documents", DOCS);
    }
    try (ApiTestSupport second = new ApiTestSupport(other, Map.of("index.vectors", "false"))) {
      assertEquals(6, second.get("/v1/stats").json().get("documents").asInt());
      Reply r = second.post("/v1/search", "{\"query\": \"aspirin\"}");
      assertEquals("vector", r.json().get("dropped").get(0).get("leg").asText());
      assertEquals("disabled", r.json().get("dropped").get(0).get("reason").asText());
      assertFalse(r.json().get("partial").asBoolean());
      assertEquals(2, ids(r).size());
    }
  }
}
