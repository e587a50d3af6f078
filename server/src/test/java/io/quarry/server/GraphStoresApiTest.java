package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.graph.extract.FakeOllamaChat;
import io.quarry.graph.store.FalkorServer;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph's other parts through the API: the FalkorDB store (a real server on a free loopback
 * port) and LLM extraction (a fake Ollama speaking the real {@code /api/chat}), with its fallback.
 */
class GraphStoresApiTest {

  @TempDir Path data;

  private static String deep(String query) {
    return "{\"query\": \"" + query + "\", \"mode\": \"deep\", \"k\": 5, \"explain\": true}";
  }

  @Test
  void should_build_and_search_the_graph_in_falkordb() throws Exception {
    try (FalkorServer falkor = FalkorServer.start();
        ApiTestSupport api = new ApiTestSupport(data, Map.of("graph.store", "falkordb",
            "graph.falkordb.url", falkor.url(), "graph.falkordb.graph", "api_test", "graph.min_passages", "1"))) {
      assertEquals(200, api.post("/v1/documents", GraphApiTest.DOCS).status());
      JsonNode g = api.get("/v1/stats").json().get("graph");
      assertEquals("falkordb", g.get("store").asText());
      assertEquals(7, g.get("documents").asInt());
      Reply r = api.post("/v1/search", deep(GraphApiTest.QUESTION));
      assertEquals(200, r.status(), String.valueOf(r.json()));
      assertNull(r.dropped("graph"), String.valueOf(r.json().get("dropped")));
      boolean graphScored = false;
      for (JsonNode h : r.json().get("hits")) {
        graphScored |= h.get("legs").has("graph");
      }
      assertTrue(graphScored, r.json().toString());
      assertEquals(200, api.get("/v1/graph/entities/journal%20of%20psychotherapy%20integration").status());
    }
  }

  @Test
  void should_extract_with_the_llm_and_fall_back_to_opennlp_when_it_fails() throws Exception {
    try (FakeOllamaChat ollama = new FakeOllamaChat()) {
      ollama.answer("""
          {"entities": [{"name": "Journal of Psychotherapy Integration", "type": "journal"},
                        {"name": "Society for the Exploration of Psychotherapy Integration", "type": "organization"}],
           "relations": [{"source": "Journal of Psychotherapy Integration", "relation": "published by",
                          "target": "Society for the Exploration of Psychotherapy Integration"}]}""");
      try (ApiTestSupport api = new ApiTestSupport(data.resolve("llm"), Map.of("graph.llm.url", ollama.baseUrl(),
          "graph.llm.model", "qwen2.5:7b", "graph.min_passages", "1"))) {
        assertEquals(200, api.post("/v1/documents", "{\"documents\": [{\"id\": \"jpi\", \"title\": "
            + "\"Journal of Psychotherapy Integration\", \"text\": \"The Journal of Psychotherapy Integration is"
            + " published by the Society for the Exploration of Psychotherapy Integration.\"}]}").status());
        assertTrue(ollama.requestCount() > 0);
        JsonNode e = api.get("/v1/graph/entities/journal%20of%20psychotherapy%20integration").json();
        boolean typed = false;
        for (JsonNode rel : e.get("relations")) {
          typed |= rel.get("type").asText().equals("published_by");
        }
        assertTrue(typed, e.toString());
        assertTrue(api.get("/v1/stats").json().get("graph").get("extractor").asText().startsWith("ollama:qwen2.5:7b"));

        // the LLM fails: the document is still indexed and in the graph, by the fallback
        ollama.failWith(500, "{\"error\": \"model crashed\"}");
        assertEquals(200, api.post("/v1/documents", GraphApiTest.DOCS).status());
        assertEquals(7, api.get("/v1/stats").json().get("graph").get("documents").asInt());
        assertEquals(200, api.get("/v1/graph/entities/clark%20university").status());
        JsonNode fallbacks = api.get("/v1/stats").json().get("graph").get("llm_fallbacks");
        assertTrue(fallbacks.get("documents").asInt() >= 1, fallbacks.toString());
        assertTrue(fallbacks.get("last_reason").asText().contains("500"), fallbacks.toString());
      }
    }
  }
}
