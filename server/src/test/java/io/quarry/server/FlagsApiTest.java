package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index and search feature flags, each driven through {@code POST /v1/search}. */
class FlagsApiTest {

  @TempDir Path data;

  @Test
  void should_search_a_quantized_index_fused_by_rrf_when_configured() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of(
        "index.vector.format", "int7", "search.fusion", "rrf", "search.rrf.k", "10",
        "index.chunk.max_words", "12", "index.chunk.overlap_words", "2"))) {
      api.post("/v1/documents", ApiTest.DOCS);
      Reply r = api.post("/v1/search", "{\"query\": \"red planet exploration robot\", \"k\": 2, \"explain\": true}");
      assertEquals("mars-rover", r.json().get("hits").get(0).get("id").asText());
      assertEquals("rrf(k=10, weights={bm25=1.0, vector=1.5})", r.json().get("explain").get("fusion").asText());
      // 12-word passages: the long documents were split
      assertEquals(true, api.get("/v1/stats").json().get("passages").asInt() > 6);
    }
  }

  @Test
  void should_never_run_a_leg_that_configuration_switched_off() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("search.legs.vector", "false"))) {
      api.post("/v1/documents", ApiTest.DOCS);
      Reply r = api.post("/v1/search", "{\"query\": \"aspirin\", \"legs\": [\"vector\"]}");
      assertEquals(0, r.json().get("hits").size());
      // bm25 was not asked for; vector was asked for but configuration switched it off
      assertEquals("[{\"leg\":\"bm25\",\"reason\":\"not_requested\"},"
          + "{\"leg\":\"vector\",\"reason\":\"disabled\",\"detail\":\"search.legs.vector=false\"}]",
          r.json().get("dropped").toString());
      assertFalse(r.json().get("partial").asBoolean());
      assertFalse(r.json().get("timings_ms").has("embed"));
    }
  }

  @Test
  void should_report_degraded_and_answer_without_a_reranker_that_cannot_load() throws Exception {
    java.nio.file.Path missing = data.resolve("no-such-checkpoint");
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false", "rerank.model", missing.toString()))) {
      var stats = api.get("/v1/stats").json();
      assertEquals("degraded", stats.get("status").asText());
      String reason = stats.get("reasons").get(0).asText();
      org.junit.jupiter.api.Assertions.assertTrue(reason.contains("no-such-checkpoint") && reason.contains("failed to load"), reason);
      var r = api.post("/v1/search", "{\"query\": \"aspirin\", \"mode\": \"deep\"}");
      assertEquals(200, r.status());
      assertEquals("unavailable", r.dropped("rerank").get("reason").asText(), r.json().toString());
      assertFalse(r.json().get("partial").asBoolean(), "an unavailable reranker is reported, not partial");
    }
  }

  @Test
  void should_not_load_a_reranker_that_configuration_switched_off() throws Exception {
    java.nio.file.Path missing = data.resolve("no-such-checkpoint");
    // rerank.enabled=false: the model is never opened, so a missing one is no problem
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false",
        "rerank.model", missing.toString(), "rerank.enabled", "false"))) {
      assertEquals("ok", api.get("/v1/stats").json().get("status").asText());
      var r = api.post("/v1/search", "{\"query\": \"aspirin\", \"mode\": \"deep\"}");
      assertEquals("{\"leg\":\"rerank\",\"reason\":\"disabled\",\"detail\":\"rerank.enabled=false\"}",
          r.dropped("rerank").toString());
    }
  }
}
