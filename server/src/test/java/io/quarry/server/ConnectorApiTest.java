package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connectors through the API: a configured, watched folder reaches search results with no API
 * call at all; a path given over HTTP must stay inside {@code connectors.roots}.
 */
class ConnectorApiTest {

  @TempDir Path data;
  @TempDir Path files;

  @Test
  void should_show_each_write_edit_and_delete_in_a_watched_folder_in_search_without_any_api_call() throws Exception {
    Path vault = Files.createDirectories(files.resolve("vault"));
    Files.createDirectories(vault.resolve(".obsidian"));
    Files.writeString(vault.resolve(".obsidian/workspace.md"), "zzhidden settings");
    Files.writeString(vault.resolve("Beta.md"), "Beta grows zzbeetroot in the valley.");
    Files.writeString(vault.resolve("Alpha.md"), """
        ---
        title: Alpha Station
        date: 2024-05-01
        tags: [space, "#station"]
        ---
        Alpha orbits with zzsputnik and supplies [[Beta]] and [[Gamma Base|the base]].
        """);
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false", "graph.enabled", "on",
        "connectors.vault.type", "directory", "connectors.vault.path", vault.toString(),
        "connectors.vault.every", "200ms"))) {
      JsonNode alpha = awaitHit(api, "zzsputnik");
      assertEquals("vault:Alpha.md", alpha.get("id").asText());
      assertEquals("Alpha Station", alpha.get("title").asText());
      assertEquals("2024-05-01", alpha.get("date").asText());
      assertEquals("vault", alpha.get("source").asText());
      JsonNode doc = api.get("/v1/documents/vault:Alpha.md").json();
      assertEquals("[\"space\",\"station\"]", doc.get("facets").get("tags").toString());
      assertEquals("[\"Beta\",\"Gamma Base\"]", doc.get("facets").get("links").toString());
      assertTrue(doc.get("text").asText().contains("supplies Beta and the base"), doc.toString());
      assertEquals(0, search(api, "zzhidden").size(), "hidden folders are not notes");

      // the wiki link is a relation in the graph, from the note's title to its target
      JsonNode beta = api.get("/v1/graph/entities/beta").json();
      assertTrue(beta.get("relations").toString().contains("links_to"), beta.toString());
      assertTrue(beta.get("documents").toString().contains("vault:Alpha.md"), beta.toString());

      Files.writeString(vault.resolve("Alpha.md"), "Alpha now orbits with zzvostok.");
      awaitHit(api, "zzvostok");
      awaitTrue(() -> search(api, "zzsputnik").isEmpty(), "the edit replaces the old text");

      Files.delete(vault.resolve("Beta.md"));
      awaitTrue(() -> search(api, "zzbeetroot").isEmpty(), "the deletion reaches the index");
      assertEquals(404, api.get("/v1/documents/vault:Beta.md").status());

      JsonNode status = api.get("/v1/connectors").json().get("connectors").get(0);
      assertEquals("vault", status.get("name").asText());
      assertEquals(200, status.get("every_ms").asInt());
      assertTrue(status.path("last_error").isNull() || status.path("last_error").isMissingNode(), status.toString());
      assertTrue(status.get("last_success").isTextual(), status.toString());
      assertEquals("ok", api.get("/health").json().get("status").asText());
    }
  }

  @Test
  void should_report_degraded_when_a_connector_misses_its_schedule() throws Exception {
    Path vault = Files.createDirectories(files.resolve("gone"));
    Files.writeString(vault.resolve("note.md"), "zzamber");
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false",
        "connectors.gone.type", "directory", "connectors.gone.path", vault.toString(),
        "connectors.gone.every", "200ms"), java.util.List.of(), clock)) {
      awaitHit(api, "zzamber");
      assertEquals("ok", api.get("/health").json().get("status").asText());
      Files.delete(vault.resolve("note.md"));
      Files.delete(vault); // the folder is gone: every sync fails from now on
      awaitTrue(() -> !api.get("/v1/connectors").json().get("connectors").get(0).path("last_error").isMissingNode(),
          "a sync fails");
      clock.advance(Duration.ofMinutes(2)); // two intervals and a minute have passed without a sync
      JsonNode health = api.get("/health").json();
      assertEquals("degraded", health.get("status").asText(), health.toString());
      assertTrue(health.get("reasons").toString().contains("connector gone (every 200 ms) has not synced since"),
          health.toString());
      assertTrue(health.get("reasons").toString().contains("does not exist"), health.toString());
    }
  }

  @Test
  void should_sync_a_jsonl_connector_on_request_and_delete_ids_its_file_no_longer_holds() throws Exception {
    Path corpus = Files.createDirectories(files.resolve("corpus"));
    Path file = corpus.resolve("docs.jsonl");
    Files.writeString(file, """
        {"_id": "j1", "title": "First", "text": "zzonyx in the first line"}
        {"_id": "j2", "title": "Second", "text": "zzopal in the second line"}
        """);
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false",
        "connectors.corpus.type", "jsonl", "connectors.corpus.path", file.toString()))) {
      awaitHit(api, "zzopal"); // synced once at start-up: no schedule configured
      Files.writeString(file, """
          {"_id": "j1", "title": "First", "text": "zzonyx in the first line"}
          {"_id": "j3", "title": "Third", "text": "zzjade in the third line"}
          """);
      Reply sync = api.post("/v1/connectors/corpus/sync", "");
      assertEquals(202, sync.status(), sync.json().toString());
      assertEquals(2, sync.json().get("upserts").asInt(), "the changed file is sent whole");
      assertEquals(1, sync.json().get("deletes").asInt());
      JsonNode job = IngestApiTest.awaitFinished(api, sync.json().get("jobs").get(0).asText());
      assertEquals(1, job.get("counts").get("unchanged").asInt(), "j1 skipped by its content hash: " + job);
      assertEquals("connector:corpus", job.get("origin").asText());
      assertEquals("j3", search(api, "zzjade").get(0).get("id").asText());
      assertEquals(0, search(api, "zzopal").size());
      Reply again = api.post("/v1/connectors/corpus/sync", "");
      assertEquals(200, again.status(), "nothing changed: " + again.json());
      assertEquals(404, api.post("/v1/connectors/nope/sync", "").status());
    }
  }

  @Test
  void should_sync_a_source_path_over_http_only_inside_the_allowed_roots() throws Exception {
    Path root = Files.createDirectories(files.resolve("allowed"));
    Path notes = Files.createDirectories(root.resolve("notes"));
    Files.writeString(notes.resolve("one.md"), "The first note mentions zzquartz.");
    Path outside = Files.createDirectories(files.resolve("secret"));
    Files.writeString(outside.resolve("keys.md"), "zzpassword");
    Files.createSymbolicLink(root.resolve("escape"), outside);
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false",
        "connectors.roots", root.toString()))) {
      Reply ok = api.post("/v1/ingest", source("directory", notes.toString()));
      assertEquals(202, ok.status(), ok.json().toString());
      assertEquals(1, ok.json().get("upserts").asInt());
      IngestApiTest.awaitFinished(api, ok.json().get("job").asText());
      assertEquals("notes:one.md", search(api, "zzquartz").get(0).get("id").asText());
      Reply again = api.post("/v1/ingest", source("directory", "notes"));
      assertEquals(200, again.status(), "relative to the first root, and nothing changed: " + again.json());
      assertEquals(0, again.json().get("jobs").size());

      for (String bad : new String[] {outside.toString(), root + "/../secret", root.resolve("escape").toString(), "../secret"}) {
        Reply r = api.post("/v1/ingest", source("directory", bad));
        assertEquals(400, r.status(), bad + ": " + r.json());
        assertTrue(r.json().get("detail").asText().contains("outside the allowed roots"), r.json().toString());
      }
      Reply type = api.post("/v1/ingest", source("ftp", notes.toString()));
      assertEquals(400, type.status());
      assertTrue(type.json().get("detail").asText().contains("source.type"), type.json().toString());
      assertEquals(0, search(api, "zzpassword").size());
    }
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false"))) {
      Reply none = api.post("/v1/ingest", source("directory", notes.toString()));
      assertEquals(400, none.status());
      assertTrue(none.json().get("detail").asText().contains("connectors.roots"), none.json().toString());
    }
  }

  private static String source(String type, String path) throws Exception {
    return ApiTestSupport.JSON.writeValueAsString(Map.of("source", Map.of("type", type, "path", path)));
  }

  private static JsonNode search(ApiTestSupport api, String q) throws Exception {
    return api.post("/v1/search", ApiTestSupport.JSON.writeValueAsString(Map.of("query", q, "k", 5))).json().get("hits");
  }

  private static JsonNode awaitHit(ApiTestSupport api, String q) throws Exception {
    JsonNode[] hit = new JsonNode[1];
    awaitTrue(() -> {
      JsonNode hits = search(api, q);
      hit[0] = hits.isEmpty() ? null : hits.get(0);
      return hit[0] != null;
    }, "'" + q + "' is found");
    return hit[0];
  }

  private static void awaitTrue(Callable<Boolean> condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
