package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.embeddings.langchain.FakeOllama;
import io.quarry.server.ApiTestSupport.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/ingest}, {@code /v1/jobs} and {@code /v1/dead-letters} through the HTTP API, on
 * a real engine. A fake Ollama (its real {@code /api/embed} shape) plays a model that is slow or
 * down, where a test needs the worker busy or failing.
 */
class IngestApiTest {

  static final Map<String, String> BM25 = Map.of("index.vectors", "false");

  @TempDir Path data;

  @Test
  void should_accept_with_202_and_location_then_index_the_documents() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, BM25)) {
      HttpResponse<String> r = raw(api, "POST", "/v1/ingest", ApiTest.DOCS, Map.of());
      assertEquals(202, r.statusCode(), r.body());
      JsonNode body = ApiTestSupport.JSON.readTree(r.body());
      String id = body.get("job").asText();
      assertEquals("/v1/jobs/" + id, r.headers().firstValue("Location").orElseThrow());
      assertTrue(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
      String timing = r.headers().firstValue("Server-Timing").orElseThrow();
      assertTrue(timing.matches("accept;dur=[0-9.]+, read;dur=[0-9.]+, parse;dur=[0-9.]+, journal;dur=[0-9.]+"),
          timing);
      assertEquals(6, body.get("counts").get("total").asInt());

      JsonNode job = awaitFinished(api, id);
      assertEquals("succeeded", job.get("state").asText(), job.toString());
      assertEquals(6, job.get("counts").get("indexed").asInt());
      assertEquals(0, job.get("counts").get("failed").asInt());
      assertEquals(1.0, job.get("progress").asDouble());
      assertNotNull(job.get("started_at").textValue());
      assertNotNull(job.get("finished_at").textValue());
      assertTrue(job.get("timings_ms").has("embed") && job.get("timings_ms").has("extract")
          && job.get("timings_ms").has("index"), job.toString());
      Reply hit = api.post("/v1/search", "{\"query\": \"organic molecules rover\", \"k\": 1}");
      assertEquals("mars-rover", hit.json().get("hits").get(0).get("id").asText());

      // the same documents again: nothing to embed, all unchanged
      String again = api.post("/v1/ingest", ApiTest.DOCS).json().get("job").asText();
      JsonNode second = awaitFinished(api, again);
      assertEquals(6, second.get("counts").get("unchanged").asInt(), second.toString());
      assertEquals(0, second.get("counts").get("indexed").asInt());

      Reply list = api.get("/v1/jobs?state=succeeded");
      assertEquals(List.of(again, id), ids(list.json().get("jobs")), "newest first");
      assertEquals(0, api.get("/v1/jobs?state=queued,running").json().get("jobs").size());
      JsonNode stats = api.get("/v1/stats").json().get("ingest");
      assertEquals(2, stats.get("jobs").get("succeeded").asInt(), stats.toString());
      assertEquals(0, stats.get("queued_documents").asInt());
      assertNotNull(stats.get("last_indexed_at").textValue());
    }
  }

  @Test
  void should_delete_what_a_job_names_after_its_upserts() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, BM25)) {
      awaitFinished(api, api.post("/v1/ingest", ApiTest.DOCS).json().get("job").asText());
      String id = api.post("/v1/ingest", """
          {"documents": [{"id": "new-one", "title": "New", "text": "A new zzgarnet."},
                         {"id": "new-two", "title": "Two", "text": "Written, then deleted by the same job."}],
           "delete": ["statins", "never-indexed", "new-two"]}""").json().get("job").asText();
      JsonNode job = awaitFinished(api, id);
      assertEquals("succeeded", job.get("state").asText(), job.toString());
      assertEquals(5, job.get("counts").get("total").asInt());
      assertEquals(2, job.get("counts").get("indexed").asInt());
      assertEquals(2, job.get("counts").get("deleted").asInt(), job.toString());
      assertEquals(1, job.get("counts").get("unchanged").asInt(), "an id that was not there");
      assertEquals(404, api.get("/v1/documents/statins").status());
      assertEquals(404, api.get("/v1/documents/new-two").status(), "deletions come after the upserts");
      assertEquals(200, api.get("/v1/documents/new-one").status());
      Reply blank = api.post("/v1/ingest", "{\"delete\": [\" \"]}");
      assertEquals(400, blank.status());
      assertTrue(blank.json().get("detail").asText().contains("delete[0]"), blank.json().toString());
    }
  }

  @Test
  void should_submit_files_from_the_command_line_to_a_running_server_and_follow_the_jobs() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, BM25)) {
      String[] args = {"ingest", "src/test/resources/fixtures/docs.jsonl", "--server", api.base, "--chunk", "3"};
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      java.io.PrintStream old = System.out;
      int exit;
      try {
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        exit = io.quarry.server.cli.Main.commandLine().execute(args);
      } finally {
        System.setOut(old);
      }
      assertEquals(0, exit, out.toString());
      assertTrue(out.toString().contains("8 documents indexed, 0 unchanged, 0 failed"), out.toString());
      assertEquals(3, api.get("/v1/jobs").json().get("jobs").size(), "8 documents in chunks of 3");
      assertEquals(8, api.get("/v1/stats").json().get("documents").asInt());
      // run again: each chunk's Idempotency-Key names its job, so nothing new is submitted
      assertEquals(0, io.quarry.server.cli.Main.commandLine().execute(args));
      assertEquals(3, api.get("/v1/jobs").json().get("jobs").size());
    }
  }

  @Test
  void should_name_the_field_or_header_when_the_request_is_bad() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, BM25)) {
      Reply noId = api.post("/v1/ingest", "{\"documents\": [{\"title\": \"t\", \"text\": \"x\"}]}");
      assertEquals(400, noId.status());
      assertTrue(noId.json().get("detail").asText().contains("documents[0].id"), noId.json().toString());
      HttpResponse<String> badKey = raw(api, "POST", "/v1/ingest", ApiTest.DOCS, Map.of("Idempotency-Key", "has space"));
      assertEquals(400, badKey.statusCode());
      assertTrue(badKey.body().contains("Idempotency-Key"), badKey.body());
      Reply state = api.get("/v1/jobs?state=sleeping");
      assertEquals(400, state.status());
      assertTrue(state.json().get("detail").asText().contains("'state'"), state.json().toString());
      assertEquals(404, api.get("/v1/jobs/no-such-job").status());
      assertEquals(0, api.get("/v1/jobs").json().get("jobs").size(), "a refused request makes no job");
    }
  }

  @Test
  void should_give_one_job_to_ten_concurrent_retries_and_422_to_a_reused_key() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, BM25);
        ExecutorService pool = Executors.newFixedThreadPool(10)) {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(() -> raw(api, "POST", "/v1/ingest", ApiTest.DOCS, Map.of("Idempotency-Key", "batch-42")));
      }
      Set<String> jobs = new HashSet<>();
      int repeats = 0;
      for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
        HttpResponse<String> r = f.get();
        assertEquals(202, r.statusCode(), r.body());
        JsonNode b = ApiTestSupport.JSON.readTree(r.body());
        jobs.add(b.get("job").asText());
        repeats += b.path("idempotent_repeat").asBoolean() ? 1 : 0;
      }
      assertEquals(1, jobs.size(), "one job for every retry: " + jobs);
      assertEquals(9, repeats);
      assertEquals(1, api.get("/v1/jobs").json().get("jobs").size());

      HttpResponse<String> other = raw(api, "POST", "/v1/ingest",
          ApiTest.DOCS.replace("Exercise and sleep", "Exercise and rest"), Map.of("Idempotency-Key", "batch-42"));
      assertEquals(422, other.statusCode(), other.body());
      assertTrue(other.body().contains(jobs.iterator().next()), "names the key's job: " + other.body());
      assertEquals("succeeded", awaitFinished(api, jobs.iterator().next()).get("state").asText());
    }
  }

  @Test
  void should_forget_idempotency_keys_and_prune_finished_jobs_by_age() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false",
        "ingest.idempotency.ttl_hours", "24", "ingest.jobs.retention_hours", "48"), List.of(), clock)) {
      String first = raw(api, "POST", "/v1/ingest", docs("a", 2), Map.of("Idempotency-Key", "k1")).headers()
          .firstValue("Location").orElseThrow().substring("/v1/jobs/".length());
      awaitFinished(api, first);
      clock.advance(Duration.ofHours(23));
      assertEquals(422, raw(api, "POST", "/v1/ingest", docs("b", 2), Map.of("Idempotency-Key", "k1")).statusCode(),
          "within the key's lifetime");
      clock.advance(Duration.ofHours(2));
      HttpResponse<String> reused = raw(api, "POST", "/v1/ingest", docs("b", 2), Map.of("Idempotency-Key", "k1"));
      assertEquals(202, reused.statusCode(), "an expired key names nothing: " + reused.body());
      String second = ApiTestSupport.JSON.readTree(reused.body()).get("job").asText();
      assertFalse(second.equals(first));
      awaitFinished(api, second);
      assertEquals(200, api.get("/v1/jobs/" + first).status(), "25 hours old, kept for 48");

      clock.advance(Duration.ofHours(30)); // the first job is 55 hours old, the second 30
      awaitFinished(api, api.post("/v1/ingest", docs("c", 1)).json().get("job").asText());
      assertEquals(404, api.get("/v1/jobs/" + first).status(), "pruned past ingest.jobs.retention_hours");
      assertEquals(200, api.get("/v1/jobs/" + second).status());
      assertEquals(200, api.get("/v1/documents/a-0").status(), "pruning forgets the job, not its documents");
    }
  }

  @Test
  void should_answer_429_when_the_queue_is_full_and_still_complete_every_accepted_job() throws Exception {
    try (FakeOllama ollama = new FakeOllama(16);
        ApiTestSupport api = new ApiTestSupport(data, Map.of(
            "embedding.model", "ollama:fake-embed", "embedding.ollama.base_url", ollama.baseUrl(),
            "ingest.max_documents", "6", "ingest.queue_documents", "12"))) {
      String first = submitHeld(api, ollama, ApiTest.DOCS); // the model is slow: the worker sits on it
      assertEquals(202, api.post("/v1/ingest", docs("b", 6)).status());
      HttpResponse<String> full = raw(api, "POST", "/v1/ingest", docs("c", 6), Map.of());
      assertEquals(429, full.statusCode(), full.body());
      assertTrue(Long.parseLong(full.headers().firstValue("Retry-After").orElseThrow()) >= 1);
      assertTrue(full.body().contains("ingest.queue_documents"), full.body());
      assertEquals(12, api.get("/v1/stats").json().get("ingest").get("queued_documents").asInt());

      // a queued job cancelled makes room; the running one can only be asked to stop
      String queued = api.get("/v1/jobs?state=queued").json().get("jobs").get(0).get("id").asText();
      Reply cancel = api.send("DELETE", "/v1/jobs/" + queued, null);
      assertEquals(200, cancel.status(), cancel.json().toString());
      assertEquals("cancelled", cancel.json().get("state").asText());
      String third = api.post("/v1/ingest", docs("c", 6)).json().get("job").asText();

      ollama.release();
      assertEquals("succeeded", awaitFinished(api, first).get("state").asText());
      assertEquals("succeeded", awaitFinished(api, third).get("state").asText());
      assertEquals(409, api.send("DELETE", "/v1/jobs/" + first, null).status(), "finished: nothing to cancel");
      assertEquals("cancelled", api.get("/v1/jobs/" + queued).json().get("state").asText());
      assertEquals(404, api.get("/v1/documents/b-0").status(), "the cancelled job wrote nothing");
      assertEquals(200, api.get("/v1/documents/c-5").status());
    }
  }

  @Test
  void should_dead_letter_what_the_model_cannot_embed_and_index_it_on_replay() throws Exception {
    try (FakeOllama ollama = new FakeOllama(16);
        ApiTestSupport api = new ApiTestSupport(data, Map.of(
            "embedding.model", "ollama:fake-embed", "embedding.ollama.base_url", ollama.baseUrl(),
            "embedding.ollama.max_retries", "0",
            "ingest.retry.attempts", "2", "ingest.retry.backoff_ms", "10"))) {
      ollama.failWith(500, "{\"error\": \"model 'fake-embed' not found, try pulling it first\"}");
      String id = api.post("/v1/ingest", docs("d", 3)).json().get("job").asText();
      JsonNode job = awaitFinished(api, id);
      assertEquals("failed", job.get("state").asText(), job.toString());
      assertEquals(3, job.get("counts").get("failed").asInt());
      assertEquals(3, job.get("errors").size());
      assertTrue(job.get("errors").get(0).get("reason").asText().contains("not found"), job.toString());

      Reply letters = api.get("/v1/dead-letters");
      assertEquals(3, letters.json().get("total").asInt(), letters.json().toString());
      JsonNode letter = letters.json().get("dead_letters").get(0);
      assertEquals(id, letter.get("job").asText());
      assertEquals(3, letter.get("attempts").asInt(), "two tries of the batch, one of the document alone");
      assertEquals(3, api.get("/v1/stats").json().get("ingest").get("dead_letters").asInt());

      ollama.failWith(0, null); // the model is back
      Reply replay = api.post("/v1/dead-letters/replay", "");
      assertEquals(202, replay.status(), replay.json().toString());
      assertEquals(3, replay.json().get("replayed").asInt());
      JsonNode retried = awaitFinished(api, replay.json().get("job").asText());
      assertEquals("succeeded", retried.get("state").asText(), retried.toString());
      assertEquals("dead-letters", retried.get("origin").asText());
      assertEquals(3, retried.get("counts").get("indexed").asInt());
      assertEquals(0, api.get("/v1/dead-letters").json().get("total").asInt());
      assertEquals(200, api.get("/v1/documents/d-2").status());
      assertEquals(0, api.post("/v1/dead-letters/replay", "").json().get("replayed").asInt());
    }
  }

  @Test
  void should_resume_an_unfinished_job_after_a_restart_on_the_same_data() throws Exception {
    String id;
    try (FakeOllama ollama = new FakeOllama(16)) {
      Map<String, String> settings = Map.of("embedding.model", "ollama:fake-embed",
          "embedding.ollama.base_url", ollama.baseUrl(), "ingest.batch", "2");
      try (ApiTestSupport api = new ApiTestSupport(data, settings)) {
        id = submitHeld(api, ollama, docs("r", 6));
        stopWithBatchInFlight(api, ollama); // it commits, the rest waits for the restart
        JsonNode job = api.get("/v1/jobs/" + id).json();
        assertEquals("running", job.get("state").asText(), job.toString());
        assertEquals(2, job.get("counts").get("indexed").asInt(), job.toString());
      }
      assertTrue(Files.exists(data.resolve("jobs").resolve(id + ".payload")));
      try (ApiTestSupport api = new ApiTestSupport(data, settings)) {
        JsonNode job = awaitFinished(api, id);
        assertEquals("succeeded", job.get("state").asText(), job.toString());
        // the commit's checkpoint said two were in: exactly the other four were replayed
        assertEquals(6, job.get("counts").get("indexed").asInt(), job.toString());
        assertEquals(0, job.get("counts").get("unchanged").asInt(), job.toString());
        assertEquals(6, api.get("/v1/stats").json().get("documents").asInt());
      }
    }
  }

  @Test
  void should_report_degraded_while_pending_work_gets_nothing_indexed() throws Exception {
    try (FakeOllama ollama = new FakeOllama(16);
        ApiTestSupport api = new ApiTestSupport(data, Map.of(
            "embedding.model", "ollama:fake-embed", "embedding.ollama.base_url", ollama.baseUrl(),
            "ingest.stall_after_s", "1"))) {
      assertEquals("ok", api.get("/health").json().get("status").asText());
      ollama.hold(); // the model hangs: work is pending and nothing gets done
      String id = api.post("/v1/ingest", docs("s", 4)).json().get("job").asText();
      awaitTrue(() -> api.get("/health").json().get("status").asText().equals("degraded"), "health says degraded");
      JsonNode health = api.get("/health").json();
      assertTrue(health.get("reasons").toString().contains("4 documents are waiting to be indexed"), health.toString());
      ollama.release();
      awaitFinished(api, id);
      awaitTrue(() -> api.get("/health").json().get("status").asText().equals("ok"), "health recovers");
    }
  }

  @Test
  void should_serve_prometheus_metrics_for_searches_and_ingestion() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, BM25)) {
      awaitFinished(api, api.post("/v1/ingest", ApiTest.DOCS).json().get("job").asText());
      api.post("/v1/search", "{\"query\": \"aspirin\", \"mode\": \"fast\"}");
      HttpResponse<String> m = raw(api, "GET", "/metrics", "", Map.of());
      assertEquals(200, m.statusCode());
      assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      String text = m.body();
      for (String expected : new String[] {
          "quarry_search_latency_seconds_bucket{mode=\"fast\",route=\"explicit\"",
          "quarry_search_requests_total{mode=\"fast\",partial=\"false\"} 1.0",
          "quarry_ingest_documents_total{outcome=\"indexed\"} 6.0",
          "quarry_ingest_passages_total 6.0",
          "quarry_ingest_job_duration_seconds_count{state=\"succeeded\"} 1",
          "quarry_ingest_queued_documents 0.0",
          "quarry_ingest_lag_seconds 0.0",
          "quarry_ingest_dead_letters 0.0",
          "quarry_index_documents 6.0",
          "quarry_graph_passages 6.0"}) {
        assertTrue(text.contains(expected), "missing " + expected + " in:\n" + text);
      }
    }
  }

  @Test
  void should_keep_a_cancel_sent_to_a_running_job_across_a_restart() throws Exception {
    String id;
    try (FakeOllama ollama = new FakeOllama(16)) {
      Map<String, String> settings = Map.of("embedding.model", "ollama:fake-embed",
          "embedding.ollama.base_url", ollama.baseUrl(), "ingest.batch", "2");
      try (ApiTestSupport api = new ApiTestSupport(data, settings)) {
        id = submitHeld(api, ollama, docs("x", 6));
        Reply cancel = api.send("DELETE", "/v1/jobs/" + id, null);
        assertEquals(202, cancel.status(), cancel.json().toString());
        assertTrue(cancel.json().get("cancel_requested").asBoolean());
        stopWithBatchInFlight(api, ollama); // the server stops before the worker gets to the request
      }
      try (ApiTestSupport api = new ApiTestSupport(data, settings)) {
        JsonNode job = awaitFinished(api, id);
        assertEquals("cancelled", job.get("state").asText(), job.toString());
        assertEquals(2, job.get("counts").get("indexed").asInt(), "what its first batch indexed stays");
        assertEquals(200, api.get("/v1/documents/x-1").status());
        assertEquals(404, api.get("/v1/documents/x-2").status());
      }
    }
  }

  @Test
  void should_keep_answering_searches_while_a_large_job_runs() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false", "ingest.batch", "16",
        "server.max_body_bytes", "4000000"))) {
      api.post("/v1/documents", ApiTest.DOCS);
      String id = api.post("/v1/ingest", docs("big", 3000)).json().get("job").asText();
      int answeredWhileRunning = 0;
      for (int i = 0; i < 10_000 && answeredWhileRunning < 5; i++) {
        boolean runningBefore = state(api, id).equals("running");
        Reply r = api.post("/v1/search", "{\"query\": \"organic molecules rover\", \"k\": 3}");
        assertEquals(200, r.status());
        assertEquals("mars-rover", r.json().get("hits").get(0).get("id").asText());
        if (runningBefore && state(api, id).equals("running")) {
          answeredWhileRunning++;
        }
        if (state(api, id).equals("succeeded")) {
          break;
        }
      }
      assertTrue(answeredWhileRunning >= 1, "searches answered while the job ran: " + answeredWhileRunning);
      assertEquals("succeeded", awaitFinished(api, id).get("state").asText());
    }
  }

  /** Holds the model, submits {@code body}, and waits until the worker is embedding its first batch. */
  private static String submitHeld(ApiTestSupport api, FakeOllama ollama, String body) throws Exception {
    ollama.hold();
    int before = ollama.requests.size();
    String id = api.post("/v1/ingest", body).json().get("job").asText();
    awaitTrue(() -> ollama.requests.size() > before, "the worker is embedding the job");
    return id;
  }

  /** Stops the ingest worker while the held batch is in flight, then lets the model answer. */
  private static void stopWithBatchInFlight(ApiTestSupport api, FakeOllama ollama) throws Exception {
    Thread stopping = Thread.ofPlatform().start(() -> api.engine.ingest().close());
    awaitTrue(() -> stopping.getState() == Thread.State.TIMED_WAITING, "the stop waits for the worker");
    ollama.release();
    stopping.join();
  }

  static String docs(String prefix, int n) {
    StringBuilder b = new StringBuilder("{\"documents\": [");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"id\": \"").append(prefix).append('-').append(i).append("\", \"title\": \"Report ")
          .append(prefix).append(' ').append(i).append("\", \"text\": \"Token ").append(prefix).append("x").append(i)
          .append(" appears in this report about the Quarry ingestion of ").append(prefix).append(" batches.\"}");
    }
    return b.append("]}").toString();
  }

  static HttpResponse<String> raw(ApiTestSupport api, String method, String path, String body,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base + path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String state(ApiTestSupport api, String id) throws Exception {
    return api.get("/v1/jobs/" + id).json().get("state").asText();
  }

  static JsonNode awaitFinished(ApiTestSupport api, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode j = api.get("/v1/jobs/" + id).json();
      String s = j.get("state").asText();
      if (!s.equals("queued") && !s.equals("running")) {
        return j;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job " + id + " did not finish: " + api.get("/v1/jobs/" + id).json());
  }

  static void awaitTrue(Callable<Boolean> condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  private static List<String> ids(JsonNode jobs) {
    List<String> out = new ArrayList<>();
    jobs.forEach(j -> out.add(j.get("id").asText()));
    return out;
  }
}
