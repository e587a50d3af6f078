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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/config} and {@code POST /v1/admin/reload}. */
class ConfigApiTest {

  @TempDir Path data;
  @TempDir Path etc;

  private String fusion(ApiTestSupport api) throws Exception {
    Reply r = api.post("/v1/search", "{\"query\": \"aspirin\", \"explain\": true}");
    assertEquals(200, r.status(), String.valueOf(r.json()));
    return r.json().get("explain").get("fusion").asText();
  }

  @Test
  void should_show_each_key_with_its_origin_and_redact_secrets() throws Exception {
    Path file = etc.resolve("quarry.yaml");
    Files.writeString(file, """
        index:
          vectors: false
        search:
          fusion: rrf
        graph:
          falkordb:
            url: redis://quarry:hunter2@127.0.0.1:6390
        """);
    try (ApiTestSupport api = new ApiTestSupport(data, file, Map.of("QUARRY_SEARCH_RRF_K", "20"), Map.of())) {
      Reply r = api.get("/v1/config");
      assertEquals(200, r.status());
      JsonNode keys = r.json().get("keys");
      assertEquals(file.toString(), r.json().get("file").asText());
      assertEquals("file", keys.get("search.fusion").get("origin").asText());
      assertEquals("rrf", keys.get("search.fusion").get("value").asText());
      assertTrue(keys.get("search.fusion").get("reloadable").asBoolean());
      assertEquals("env", keys.get("search.rrf.k").get("origin").asText());
      assertEquals("QUARRY_SEARCH_RRF_K", keys.get("search.rrf.k").get("env").asText());
      assertEquals("command_line", keys.get("data.dir").get("origin").asText());
      assertFalse(keys.get("data.dir").get("reloadable").asBoolean());
      assertEquals("default", keys.get("search.candidates").get("origin").asText());
      assertEquals("redis://***@127.0.0.1:6390", keys.get("graph.falkordb.url").get("value").asText());
      assertFalse(r.json().toString().contains("hunter2"), "no secret in the answer");
    }
  }

  @Test
  void should_reload_search_keys_refuse_bad_files_and_name_keys_that_need_a_restart() throws Exception {
    Path file = etc.resolve("quarry.yaml");
    Files.writeString(file, "index:\n  vectors: false\nsearch:\n  fusion: rrf\n");
    try (ApiTestSupport api = new ApiTestSupport(data, file, Map.of(), Map.of())) {
      assertEquals(200, api.post("/v1/documents", ApiTest.DOCS).status());
      assertTrue(fusion(api).startsWith("rrf"), fusion(api));

      Reply same = api.post("/v1/admin/reload", null);
      assertEquals(200, same.status(), String.valueOf(same.json()));
      assertFalse(same.json().get("reloaded").asBoolean());

      // searches in flight while the pipelines are swapped all finish
      List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        inFlight.add(CompletableFuture.supplyAsync(() -> {
          try {
            return api.post("/v1/search", "{\"query\": \"aspirin heart\"}").status();
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        }));
      }
      Files.writeString(file, "index:\n  vectors: false\nsearch:\n  fusion: score\n");
      Reply reloaded = api.post("/v1/admin/reload", null);
      assertEquals(200, reloaded.status(), String.valueOf(reloaded.json()));
      assertTrue(reloaded.json().get("reloaded").asBoolean());
      assertEquals("[\"search.fusion\"]", reloaded.json().get("changed").toString());
      for (CompletableFuture<Integer> f : inFlight) {
        assertEquals(200, f.join());
      }
      assertTrue(fusion(api).startsWith("score"), fusion(api));
      assertEquals("score", api.get("/v1/config").json().get("keys").get("search.fusion").get("value").asText());
      assertEquals(1, api.get("/v1/config").json().get("reloads").asInt());

      Files.writeString(file, "index:\n  vectors: false\nsearch:\n  fusion: loudest\n");
      Reply invalid = api.post("/v1/admin/reload", null);
      assertEquals(422, invalid.status());
      assertTrue(invalid.json().get("detail").asText().contains("search.fusion"), invalid.json().toString());
      assertTrue(fusion(api).startsWith("score"), "the old configuration stays");

      Files.writeString(file, "index:\n  vectors: false\n  bm25:\n    k1: 1.2\nsearch:\n  fusion: rrf\n");
      Reply restart = api.post("/v1/admin/reload", null);
      assertEquals(409, restart.status());
      String detail = restart.json().get("detail").asText();
      assertTrue(detail.contains("index.bm25.k1") && detail.contains("restart"), detail);
      assertFalse(detail.contains("search.fusion"), "only the keys that need a restart are named: " + detail);
      assertTrue(fusion(api).startsWith("score"), "nothing was changed");

      Files.writeString(file, "index: [");
      assertEquals(422, api.post("/v1/admin/reload", null).status());
    }
  }

  @Test
  void should_refuse_a_reload_without_a_file() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false"))) {
      Reply r = api.post("/v1/admin/reload", null);
      assertEquals(409, r.status());
      assertTrue(r.json().get("detail").asText().contains("without --config"), r.json().toString());
      JsonNode file = api.get("/v1/config").json().path("file");
      assertTrue(file.isMissingNode() || file.isNull(), file.toString());
    }
  }
}
