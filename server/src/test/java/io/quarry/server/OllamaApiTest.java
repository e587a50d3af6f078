package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.embeddings.langchain.FakeOllama;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedding.model=ollama:<model>} through the public API: documents and queries are
 * embedded by a fake Ollama server speaking Ollama's real {@code /api/embed} shapes (no Ollama
 * can run on the build machines), through langchain4j-ollama.
 */
class OllamaApiTest {

  @TempDir Path data;

  @Test
  void should_index_and_search_with_ollama_embeddings_when_configured() throws Exception {
    try (FakeOllama ollama = new FakeOllama(32);
        ApiTestSupport api = new ApiTestSupport(data, Map.of(
            "embedding.model", "ollama:fake-embed",
            "embedding.ollama.base_url", ollama.baseUrl()))) {
      Reply up = api.post("/v1/documents", ApiTest.DOCS);
      assertEquals(200, up.status(), String.valueOf(up.json()));
      Reply stats = api.get("/v1/stats");
      assertEquals("ollama:fake-embed", stats.json().get("embedding_model").asText());
      assertEquals(32, stats.json().get("dimension").asInt());
      assertEquals(6, stats.json().get("embedded_passages").asInt());

      Reply r = api.post("/v1/search", "{\"query\": \"organic molecules rover\", \"legs\": [\"vector\"], \"k\": 1}");
      assertEquals("mars-rover", r.json().get("hits").get(0).get("id").asText());
      assertTrue(r.json().get("hits").get(0).get("legs").has("vector"));
      // every request went to the configured model with Ollama's request shape
      ollama.requests.forEach(b -> {
        assertEquals("fake-embed", b.get("model").asText());
        assertTrue(b.get("input").isArray(), b.toString());
      });
      assertTrue(ollama.requests.stream().anyMatch(b ->
          b.get("input").toString().contains("organic molecules rover")), "the query was embedded by Ollama");
    }
  }
}
