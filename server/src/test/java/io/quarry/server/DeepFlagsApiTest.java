package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deep-search configuration that is not the default, each choice driven through the API. */
class DeepFlagsApiTest {

  @TempDir Path data;

  @Test
  void should_run_every_variant_kind_rrf_and_bridge_entity_hops_when_configured() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of(
        "deep.variants", "pair,clause,entity,keywords",
        "deep.fusion", "rrf",
        "deep.hop2.query", "entities",
        "deep.hop2.docs", "2",
        "deep.hop2.queries", "2"))) {
      api.post("/v1/documents", ApiTest.DOCS);
      Reply r = api.post("/v1/search", "{\"query\": \"Which rover found organic molecules in the crater where the Perseverance team landed?\","
          + " \"mode\": \"deep\", \"explain\": true, \"k\": 5}");
      assertEquals(200, r.status(), String.valueOf(r.json()));
      JsonNode explain = r.json().get("explain");
      Set<String> variants = new HashSet<>();
      explain.get("variants").fieldNames().forEachRemaining(variants::add);
      assertTrue(variants.containsAll(Set.of("original", "clause1", "entity1", "keywords")), variants.toString());
      assertTrue(explain.get("fusion").asText().startsWith("rrf(k=60"), explain.get("fusion").asText());
      assertTrue(explain.get("hop2").asText().startsWith("ran: "), explain.get("hop2").asText());
      Set<String> legs = new HashSet<>();
      r.json().get("hits").forEach(h -> h.get("legs").fieldNames().forEachRemaining(legs::add));
      assertTrue(legs.containsAll(Set.of("bm25:keywords", "vector:entity1", "bm25:clause1", "hop2")), legs.toString());
      assertEquals("mars-rover", r.json().get("hits").get(0).get("id").asText());
    }
  }

  @Test
  void should_rank_passages_in_deep_mode() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.chunk.max_words", "12", "index.chunk.overlap_words", "0"))) {
      api.post("/v1/documents", ApiTest.DOCS);
      Reply r = api.post("/v1/search", "{\"query\": \"Is the bleeding from aspirin and the muscle pain from statins both side effects?\","
          + " \"mode\": \"deep\", \"passages\": true, \"k\": 4}");
      assertEquals("deep", r.json().get("mode").asText());
      Set<String> keys = new HashSet<>();
      boolean bleeding = false;
      for (JsonNode h : r.json().get("hits")) {
        assertTrue(keys.add(h.get("id").asText() + "#" + h.get("passage").asInt()), "a passage twice: " + h);
        // passages of the aspirin article: 12 words, "some adults.", then the one about bleeding
        bleeding |= h.get("id").asText().equals("aspirin-heart") && h.get("passage").asInt() == 2
            && h.get("text").asText().contains("Bleeding");
      }
      assertTrue(bleeding, r.json().get("hits").toString());
    }
  }
}
