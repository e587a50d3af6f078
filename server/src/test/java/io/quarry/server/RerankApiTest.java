package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.embeddings.rerank.RerankerFixtures;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-encoder stage of deep search through the API, on the real DJL PyTorch engine (CPU)
 * with a real checkpoint directory: MiniLM's encoder converted from ONNX with a seeded head, since
 * no trained cross-encoder can be downloaded here. What is checked is that the stage runs, is
 * bounded by its window and the deadline, and is reported, not the quality of its scores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RerankApiTest {

  @TempDir static Path data;
  private ApiTestSupport api;

  @BeforeAll
  void start() throws Exception {
    api = new ApiTestSupport(data, Map.of(
        "rerank.model", RerankerFixtures.miniLmCrossEncoder().toString(),
        "rerank.window", "4"));
    assertEquals(200, api.post("/v1/documents", ApiTest.DOCS).status());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  @Test
  void should_report_the_reranker_and_its_device() throws Exception {
    JsonNode reranker = api.get("/v1/stats").json().get("reranker");
    assertEquals("cpu", reranker.get("device").asText());
    assertTrue(reranker.get("model").asText().contains("minilm"), reranker.toString());
  }

  @Test
  void should_rerank_the_window_of_the_fused_list() throws Exception {
    Reply r = api.post("/v1/search", "{\"query\": \"aspirin heart attack risk\", \"mode\": \"deep\", \"k\": 6}");
    assertEquals(200, r.status(), String.valueOf(r.json()));
    assertNull(r.dropped("rerank"), r.json().get("dropped").toString());
    assertFalse(r.json().get("partial").asBoolean());
    assertTrue(r.json().get("timings_ms").has("rerank"));
    int reranked = 0;
    for (JsonNode h : r.json().get("hits")) {
      if (h.get("legs").has("rerank")) {
        reranked++;
        assertTrue(h.get("score").asDouble() >= 1, h.toString());
      } else {
        assertTrue(h.get("score").asDouble() < 1, h.toString());
      }
    }
    // at most rerank.window; fewer when the measured cost per pair does not fit the budget
    assertTrue(reranked >= 2 && reranked <= 4, "reranked " + reranked);
  }

  @Test
  void should_skip_reranking_when_the_request_says_so() throws Exception {
    Reply r = api.post("/v1/search", "{\"query\": \"aspirin\", \"mode\": \"deep\", \"rerank\": false}");
    assertEquals("not_requested", r.dropped("rerank").get("reason").asText());
    assertFalse(r.json().get("partial").asBoolean());
  }

  @Test
  void should_keep_the_fused_order_when_the_deadline_leaves_no_time_to_rerank() throws Exception {
    Reply r = api.post("/v1/search", "{\"query\": \"aspirin heart attack risk\", \"mode\": \"deep\", \"deadline_ms\": 15, \"legs\": [\"bm25\"]}");
    JsonNode d = r.dropped("rerank");
    assertEquals("timeout", d.get("reason").asText(), d.toString());
    assertTrue(d.get("detail").asText().endsWith("fused order kept"), d.toString());
    assertTrue(r.json().get("partial").asBoolean());
    r.json().get("hits").forEach(h -> assertFalse(h.get("legs").has("rerank")));
  }
}
