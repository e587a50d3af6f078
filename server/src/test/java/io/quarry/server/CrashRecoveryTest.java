package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of {@code POST /v1/ingest}: an accepted document is never lost or duplicated. A real
 * server runs as a child process; each round submits a large job and kills the server with SIGKILL
 * while it works (no shutdown hook runs, nothing is flushed), five times on the same data
 * directory. Then every accepted document must be searchable exactly once, at its last accepted
 * version, and the index and the graph must open and agree.
 */
class CrashRecoveryTest {

  static final int ROUNDS = 5;
  static final int PER_ROUND = 600;
  /** Documents of the previous round sent again with new text: the last accepted version must win. */
  static final int UPDATES = 50;

  @TempDir Path data;

  @Test
  void should_lose_and_duplicate_no_accepted_document_across_five_sigkills() throws Exception {
    Map<String, String> latest = new LinkedHashMap<>(); // id -> the text last accepted for it
    int killedMidWay = 0;
    for (int round = 0; round < ROUNDS; round++) {
      try (Child server = Child.start(data, round)) {
        Map<String, String> batch = new LinkedHashMap<>();
        for (int i = 0; i < PER_ROUND; i++) {
          batch.put("r" + round + "-" + i, "Round " + round + " document " + i + " token u" + round + "x" + i
              + " about the ingestion of Quarry.");
        }
        for (int i = 0; round > 0 && i < UPDATES; i++) {
          batch.put("r" + (round - 1) + "-" + i, "Updated in round " + round + " token v" + round + "x" + i + ".");
        }
        HttpResponse<String> r = server.post("/v1/ingest", body(batch));
        assertEquals(202, r.statusCode(), r.body());
        latest.putAll(batch); // accepted: from here on it must survive
        // let the worker commit some batches, more in each round, then pull the plug
        int target = server.get("/v1/stats").get("documents").asInt() + 40 + 120 * round;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        JsonNode stats = server.get("/v1/stats");
        while (stats.get("documents").asInt() < target && stats.get("ingest").get("queued_documents").asInt() > 0
            && System.nanoTime() < deadline) {
          Thread.sleep(5);
          stats = server.get("/v1/stats");
        }
        if (stats.get("ingest").get("queued_documents").asInt() > 0) {
          killedMidWay++;
        }
        server.kill();
      }
    }
    assertTrue(killedMidWay >= 3, "the kills must land mid-job, they did in " + killedMidWay + " of " + ROUNDS);

    try (Child server = Child.start(data, ROUNDS)) {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (unfinished(server.get("/v1/stats").get("ingest")) > 0) {
        assertTrue(System.nanoTime() < deadline, "the resumed jobs did not finish");
        Thread.sleep(50);
      }
      JsonNode stats = server.get("/v1/stats");
      int dead = stats.get("ingest").get("dead_letters").asInt();
      assertEquals(0, dead, "no document has a reason to fail here");
      assertEquals(latest.size(), stats.get("documents").asInt(), "every accepted document, once: " + stats);
      assertEquals(ROUNDS, stats.get("ingest").get("jobs").get("succeeded").asInt(), stats.toString());
      for (Map.Entry<String, String> e : latest.entrySet()) {
        JsonNode doc = server.get("/v1/documents/" + e.getKey());
        assertEquals(e.getValue(), doc.path("text").asText(), "document " + e.getKey());
      }
      // a sample of unique tokens: each finds its one document
      for (int round = 0; round < ROUNDS; round++) {
        for (int i = UPDATES; i < PER_ROUND; i += 97) {
          JsonNode hits = server.search("u" + round + "x" + i).get("hits");
          assertEquals(1, hits.size(), hits.toString());
          assertEquals("r" + round + "-" + i, hits.get(0).get("id").asText());
        }
      }
      JsonNode graph = stats.get("graph");
      assertEquals(stats.get("documents").asInt(), graph.get("documents").asInt(), "graph and index agree: " + stats);
      assertEquals(stats.get("passages").asInt(), graph.get("passages").asInt(), stats.toString());
      assertEquals("ok", stats.get("status").asText(), stats.toString());
    }
    // what each restart found to replay, for the record
    for (int run = 1; run <= ROUNDS; run++) {
      try (var lines = Files.lines(data.resolve("server-" + run + ".log"))) {
        lines.filter(l -> l.contains("will resume") || l.contains("engine ready")).forEach(System.out::println);
      }
    }
  }

  /** Jobs queued or running: a job's last documents are applied a moment before it finishes. */
  private static int unfinished(JsonNode ingest) {
    return ingest.get("jobs").get("queued").asInt() + ingest.get("jobs").get("running").asInt();
  }

  private static String body(Map<String, String> docs) throws IOException {
    List<Map<String, String>> list = new ArrayList<>();
    docs.forEach((id, text) -> list.add(Map.of("id", id, "title", "Document " + id, "text", text)));
    return new ObjectMapper().writeValueAsString(Map.of("documents", list));
  }

  /** {@code quarry serve} in a child JVM on a free port, its output kept in the data directory. */
  static final class Child implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    private Child(Process process, String base) {
      this.process = process;
      this.base = base;
    }

    static Child start(Path data, int run) throws Exception {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> cmd = List.of(java, "-Xmx1g", "--add-modules", "jdk.incubator.vector",
          "--enable-native-access=ALL-UNNAMED",
          "-cp", System.getProperty("java.class.path"), "io.quarry.server.cli.Main", "serve",
          "--data", data.resolve("quarry").toString(), "--port", "0",
          "--set", "index.vectors=false", "--set", "ingest.batch=16", "--set", "server.max_body_bytes=8000000");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      CompletableFuture<Integer> port = new CompletableFuture<>();
      Path log = data.resolve("server-" + run + ".log");
      Thread.ofPlatform().daemon(true).start(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            out.println(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
              port.complete(Integer.parseInt(m.group(1)));
            }
          }
        } catch (IOException e) {
          port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the server exited before listening; see " + log));
      });
      Child c = new Child(p, "http://127.0.0.1:" + port.get(2, TimeUnit.MINUTES));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (c.status("/ready") != 200) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the server did not get ready; see " + log + ":\n" + Files.readString(log));
        }
        Thread.sleep(50);
      }
      return c;
    }

    HttpResponse<String> post(String path, String body) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String path) throws Exception {
      return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    }

    JsonNode search(String query) throws Exception {
      return JSON.readTree(post("/v1/search", JSON.writeValueAsString(Map.of("query", query, "k", 3))).body());
    }

    private int status(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** SIGKILL: the JVM gets no chance to run its shutdown hooks or close anything. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(1, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws Exception {
      if (process.isAlive()) {
        process.destroy(); // the final run stops cleanly
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
          kill();
        }
      }
    }
  }
}
