package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.embeddings.rerank.RerankerFixtures;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flags no other test flips, each through configuration with its effect seen through the
 * API; and the rule under all of them: a request may narrow what runs, never switch on what the
 * configuration switched off.
 */
class NarrowingFlagsApiTest {

  @TempDir Path data;

  private static Map<String, String> bm25(String... kv) {
    Map<String, String> m = new HashMap<>(Map.of("index.vectors", "false"));
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void should_answer_deep_requests_with_a_400_and_route_auto_fast_when_deep_is_off() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, bm25("deep.enabled", "false"))) {
      api.post("/v1/documents", ApiTest.DOCS);
      Reply deep = api.post("/v1/search", "{\"query\": \"aspirin\", \"mode\": \"deep\"}");
      assertEquals(400, deep.status());
      assertTrue(deep.json().get("detail").asText().contains("deep.enabled=false"), deep.json().toString());
      Reply auto = api.post("/v1/search",
          "{\"query\": \"Which side effect of aspirin is the main one, and who should not take it?\"}");
      assertEquals(200, auto.status());
      assertEquals("fast", auto.json().get("mode").asText(), auto.json().toString());
      assertFalse(api.get("/v1/stats").json().get("deep").asBoolean());
    }
  }

  @Test
  void should_never_run_the_bm25_leg_a_request_names_when_configured_off() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("search.legs.bm25", "false"))) {
      api.post("/v1/documents", ApiTest.DOCS);
      Reply r = api.post("/v1/search", "{\"query\": \"aspirin\", \"legs\": [\"bm25\", \"vector\"], \"explain\": true}");
      assertEquals(200, r.status());
      assertEquals("disabled", r.dropped("bm25").get("reason").asText());
      r.json().get("hits").forEach(h -> assertFalse(h.get("legs").has("bm25"), h.toString()));
      assertTrue(r.json().get("hits").size() > 0);
    }
  }

  @Test
  void should_never_read_time_expressions_a_request_asks_for_when_configured_off() throws Exception {
    String q = "{\"query\": \"aspirin in 2023\", \"time_expressions\": true}";
    try (ApiTestSupport on = new ApiTestSupport(data, bm25())) {
      on.post("/v1/documents", ApiTest.DOCS);
      assertEquals("2023-01-01", on.post("/v1/search", q).json().get("time_range").get("since").asText());
    }
    try (ApiTestSupport off = new ApiTestSupport(data, bm25("freshness.time_expressions", "false"))) {
      Reply r = off.post("/v1/search", q);
      assertEquals(200, r.status());
      assertNull(r.json().get("time_range"), r.json().toString());
      assertEquals("aspirin in 2023", r.json().get("freshness").get("query").asText());
    }
  }

  @Test
  void should_not_rerank_when_a_request_asks_and_configuration_switched_it_off() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, bm25("rerank.enabled", "false",
        "rerank.model", RerankerFixtures.miniLmCrossEncoder().toString()))) {
      api.post("/v1/documents", ApiTest.DOCS);
      Reply r = api.post("/v1/search", "{\"query\": \"aspirin\", \"mode\": \"deep\", \"rerank\": true}");
      assertEquals(200, r.status());
      assertEquals("disabled", r.dropped("rerank").get("reason").asText());
      assertFalse(r.json().get("timings_ms").has("rerank"));
    }
  }

  @Test
  void should_enforce_the_size_limits_it_is_configured_with() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, bm25("server.max_batch", "2", "ingest.max_documents", "3",
        "server.max_body_bytes", "4096"))) {
      Reply batch = api.post("/v1/documents", ApiTest.DOCS); // 6 documents
      assertEquals(413, batch.status());
      assertTrue(batch.json().get("detail").asText().contains("server.max_batch"), batch.json().toString());
      Reply job = api.post("/v1/ingest", ApiTest.DOCS);
      assertEquals(413, job.status());
      assertTrue(job.json().get("detail").asText().contains("ingest.max_documents"), job.json().toString());
      Reply body = api.post("/v1/search", "{\"query\": \"" + "x".repeat(5000) + "\"}");
      assertEquals(413, body.status());
    }
  }

  @Test
  void should_serve_no_ingest_tools_or_mcp_routes_when_switched_off() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, bm25("ingest.enabled", "false", "tools.enabled", "false",
        "mcp.enabled", "false"))) {
      Reply ingest = api.post("/v1/ingest", ApiTest.DOCS);
      assertEquals(404, ingest.status());
      assertTrue(ingest.json().get("detail").asText().contains("ingest.enabled=false"), ingest.json().toString());
      assertEquals(404, api.get("/v1/tools").status());
      assertEquals(404, api.post("/v1/tools/call", "{\"name\": \"search\"}").status());
      assertEquals(404, api.post("/mcp", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}").status());
      assertEquals(200, api.post("/v1/documents", ApiTest.DOCS).status(), "the synchronous path stays");
    }
  }
}
