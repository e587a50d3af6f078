package io.quarry.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarry.bench.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quarry-bench load} against a stand-in server (JDK HttpServer on 127.0.0.1). */
class LoadCommandTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicInteger searches = new AtomicInteger();
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String answer;
    if (path.equals("/ready")) {
      answer = "{\"status\": \"ready\"}";
    } else if (path.equals("/v1/stats")) {
      answer = "{\"documents\": 4, \"passages\": 4}";
    } else {
      boolean deep = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).contains("\"deep\"");
      searches.incrementAndGet();
      answer = "{\"hits\": [], \"mode\": \"x\", \"partial\": " + deep + ", \"dropped\": [], \"timings_ms\": {\"total\": 2}}";
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private int cli(String... args) {
    out.reset();
    err.reset();
    return BenchCli.execute(args, BackendFactory.DEFAULT, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void should_sweep_rates_and_write_the_result_file() throws Exception {
    Path file = tmp.resolve("load.json");

    int exit = cli("load", "--server", base, "--suite", Fixtures.suite().toString(), "--rates", "10,5",
        "--duration", "1s", "--mix", "fast=0.5,deep=0.5", "--deep-budget-ms", "40", "--warmup", "3",
        "--keep-going", "--out", file.toString());

    assertEquals(0, exit, stdout() + stderr());
    assertEquals(3 + 5 + 10, searches.get(), "3 warm-up requests, then 1 s at 5/s and 1 s at 10/s");
    JsonNode r = new ObjectMapper().readTree(file.toFile());
    assertEquals("2026-01-02T03:04:05Z", r.get("started").asText());
    assertEquals(7, r.get("queries").asInt(), "both fixture sets");
    assertEquals("fast=0.5,deep=0.5", r.get("settings").get("mix").asText());
    assertEquals(40, r.get("settings").get("deep_budget_ms").asInt());
    assertEquals("fast", r.get("threshold").get("mode").asText());
    JsonNode runs = r.get("runs");
    assertEquals(2, runs.size());
    assertEquals(5.0, runs.get(0).get("rate").asDouble());
    assertEquals(5, runs.get(0).get("sent").asInt());
    assertEquals(10, runs.get(1).get("sent").asInt());
    JsonNode deep = runs.get(1).get("modes").get(1);
    assertEquals("deep", deep.get("mode").asText());
    assertEquals(5, deep.get("ok").asInt());
    assertEquals(1.0, deep.get("partial_rate").asDouble());
    assertEquals(2.0, deep.get("server_ms").get("p99").asDouble(), 0.01);
    assertEquals(40, deep.get("deadline").get("budget_ms").asInt());
    assertEquals(44.0, deep.get("deadline").get("limit_ms").asDouble());
    assertTrue(deep.get("deadline").get("server_within").asBoolean());
    assertTrue(runs.get(1).get("modes").get(0).get("latency_ms").get("p99").asDouble() > 0);
    assertTrue(stdout().contains("| rate/s | sent | answers/s | fast P50 ms | fast P99 ms |"), stdout());
    assertTrue(stdout().contains("highest rate with fast P99 < 100 ms and no errors: "), stdout());
    assertTrue(stdout().contains("deep deadline 40 ms (+10% = 44.0 ms)"), stdout());
    assertTrue(stderr().contains("load: server " + base + "/: 4 documents, 4 passages; 7 queries"), stderr());
    assertTrue(stderr().contains("warm-up: 3 requests at 5/s, not counted"), stderr());
  }

  @Test
  void should_refuse_a_server_beyond_loopback_before_sending_anything() throws Exception {
    int exit = cli("load", "--server", "http://192.0.2.1:7070", "--suite", Fixtures.suite().toString(), "--rate", "5");

    assertEquals(2, exit);
    assertTrue(stderr().contains("refusing to load http://192.0.2.1:7070: '192.0.2.1' is 192.0.2.1, not a loopback"
        + " address"), stderr());
  }

  @Test
  void should_refuse_loads_beyond_their_bounds() throws Exception {
    String suite = Fixtures.suite().toString();
    assertEquals(2, cli("load", "--server", base, "--suite", suite, "--rate", "5", "--rates", "5,10"));
    assertTrue(stderr().contains("give either --rate R (one rate) or --rates R1,R2,... (a sweep)"), stderr());
    assertEquals(2, cli("load", "--server", base, "--suite", suite, "--rate", "5", "--duration", "11m"));
    assertTrue(stderr().contains("illegal duration: 660000 ms, must be in 1 s..10 min"), stderr());
    assertEquals(2, cli("load", "--server", base, "--suite", suite, "--rate", "5", "--max-requests", "2000000"));
    assertTrue(stderr().contains("illegal max requests: 2000000, must be in 1..1000000"), stderr());
    assertEquals(2, cli("load", "--server", base, "--suite", suite, "--rate", "50000"));
    assertTrue(stderr().contains("illegal rate: 50000.0, must be above 0 and at most 10000"), stderr());
    assertEquals(2, cli("load", "--server", base, "--suite", suite, "--rate", "5", "--deep-budget-ms", "40"));
    assertTrue(stderr().contains("--deep-budget-ms applies to deep requests, and the mix fast=1 has none"), stderr());
    assertEquals(2, cli("load", "--server", base, "--suite", suite, "--rate", "5", "--duration", "soon"));
    assertTrue(stderr().contains("'soon' is not a duration"), stderr());
    assertEquals(0, searches.get(), "nothing was sent");
  }
}
