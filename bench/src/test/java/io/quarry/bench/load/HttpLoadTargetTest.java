package io.quarry.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarry.bench.data.BenchQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against a stand-in of the server's {@code POST /v1/search} (JDK HttpServer on 127.0.0.1) that
 * records the bodies and can delay its answers. On the real clock, so the only time bounds
 * asserted are lower bounds that the stand-in's own sleeps guarantee.
 */
class HttpLoadTargetTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final List<BenchQuery> QUERIES = List.of(
      new BenchQuery("q1", "alpha", null, LocalDate.parse("2023-06-15"), null),
      new BenchQuery("q2", "beta", null, null, null),
      new BenchQuery("q3", "gamma", null, null, null));

  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ExecutorService workers;
  private volatile long delayMs;
  private volatile int readyStatus = 200;
  private volatile long documents = 5;

  private URI start(int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    workers = Executors.newFixedThreadPool(threads);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
      workers.shutdownNow();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    byte[] in = ex.getRequestBody().readAllBytes();
    int status = 200;
    String answer;
    if (path.equals("/ready")) {
      status = readyStatus;
      answer = "{}";
    } else if (path.equals("/v1/stats")) {
      answer = "{\"documents\": " + documents + ", \"passages\": 9}";
    } else {
      JsonNode body = JSON.readTree(in);
      bodies.add(body);
      sleep(body.path("query").asText().equals("slow") ? 2_000 : delayMs);
      boolean deep = body.path("mode").asText().equals("deep");
      if (body.path("query").asText().equals("gamma")) {
        status = 500;
        answer = "{\"type\": \"about:blank\", \"title\": \"Internal Server Error\", \"status\": 500, \"detail\": \"boom\"}";
      } else {
        answer = "{\"hits\": [{\"id\": \"d1\", \"score\": 1.0}], \"mode\": \"" + (deep ? "deep" : "fast")
            + "\", \"partial\": " + deep + ", \"dropped\": [], \"timings_ms\": {\"total\": " + (deep ? 41.5 : 3) + "}}";
      }
    }
    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static LoadSettings settings(String mix, int requests) {
    return LoadSettings.of(ModeMix.parse(mix)).withDuration(Duration.ofSeconds(5)).withMaxRequests(requests);
  }

  @Test
  void should_send_the_deep_budget_with_deep_requests_only_and_read_partial_and_server_time() throws Exception {
    try (HttpLoadTarget target = new HttpLoadTarget(start(4), Duration.ofSeconds(10))) {
      LoadRun run = new LoadGenerator(target, Ticker.SYSTEM, QUIET)
          .run(settings("fast=0.5,deep=0.5", 6).withDeepBudgetMs(40), 50, QUERIES);

      assertEquals(6, bodies.size());
      // concurrent connections: the bodies arrive in any order
      assertTrue(bodies.contains(JSON.readTree(
          "{\"query\": \"alpha\", \"k\": 10, \"mode\": \"fast\", \"as_of\": \"2023-06-15\"}")), bodies.toString());
      assertTrue(bodies.contains(JSON.readTree("{\"query\": \"beta\", \"k\": 10, \"mode\": \"fast\"}")), bodies.toString());
      assertTrue(bodies.contains(JSON.readTree("{\"query\": \"alpha\", \"k\": 10, \"mode\": \"deep\","
          + " \"as_of\": \"2023-06-15\", \"deadline_ms\": 40}")), bodies.toString());
      assertTrue(bodies.contains(JSON.readTree("{\"query\": \"gamma\", \"k\": 10, \"mode\": \"deep\","
          + " \"deadline_ms\": 40}")), bodies.toString());
      ModeStats fast = run.mode("fast");
      ModeStats deep = run.mode("deep");
      // each mode asks alpha, beta, gamma in turn; gamma answers 500
      assertEquals(3, fast.requests());
      assertEquals(2, fast.ok());
      assertEquals(1, fast.errorKinds().get("http 500"));
      assertEquals("http 500: boom", fast.firstErrors().get("http 500"));
      assertEquals(0, fast.partial());
      assertEquals(2, deep.partial());
      assertEquals(1.0, deep.partialRate());
      assertEquals(41.5, deep.server().p99Ms(), 0.05, "the server's own timings_ms.total");
      assertEquals(3.0, fast.server().p99Ms(), 0.005);
      assertTrue(deep.latency().p50Ms() > 0);
    }
  }

  @Test
  void should_count_the_wait_for_a_slot_in_the_latency_when_too_many_are_in_flight() throws Exception {
    // One request in flight at most, each answered after 100 ms, 5 due 10 ms apart: request i
    // cannot go out before 100 i ms, nor be answered before 100 (i + 1) ms, so the last, due at
    // 40 ms, waited at least 460 ms from its schedule though each took only about 100 ms.
    delayMs = 100;
    try (HttpLoadTarget target = new HttpLoadTarget(start(1), Duration.ofSeconds(10))) {
      LoadRun run = new LoadGenerator(target, Ticker.SYSTEM, QUIET)
          .run(settings("fast", 5).withMaxInFlight(1), 100, List.of(QUERIES.get(1)));

      ModeStats fast = run.mode("fast");
      assertEquals(5, fast.ok());
      assertTrue(fast.latency().maxMs() >= 460, "corrected max " + fast.latency().maxMs());
      assertTrue(fast.uncorrected().p50Ms() >= 100, "uncorrected P50 " + fast.uncorrected().p50Ms());
      assertTrue(run.sendLag().maxMs() >= 360, "the last went out at least 360 ms late: " + run.sendLag().maxMs());
      assertTrue(fast.latency().maxMs() >= fast.uncorrected().maxMs());
    }
  }

  @Test
  void should_count_a_request_without_an_answer_in_time_as_a_timeout() throws Exception {
    try (HttpLoadTarget target = new HttpLoadTarget(start(2), Duration.ofMillis(200))) {
      LoadRun run = new LoadGenerator(target, Ticker.SYSTEM, QUIET)
          .run(settings("fast", 2), 20, List.of(new BenchQuery("s", "slow", null, null, null)));

      ModeStats fast = run.mode("fast");
      assertEquals(2, fast.errors());
      assertEquals(2, fast.errorKinds().get("timeout"), fast.errorKinds().toString());
      assertEquals(0, fast.latency().count());
      assertEquals(0, run.unanswered());
    }
  }

  @Test
  void should_refuse_any_host_beyond_loopback() {
    for (String url : List.of("http://192.0.2.1:7070", "http://10.0.0.1:7070/", "http://[2001:db8::1]:7070")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> HttpLoadTarget.requireLoopback(URI.create(url)), url);
      assertTrue(e.getMessage().contains("not a loopback address"), e.getMessage());
      assertTrue(e.getMessage().startsWith("refusing to load " + url), e.getMessage());
    }
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> HttpLoadTarget.requireLoopback(URI.create("ftp://127.0.0.1:21"))).getMessage().contains("must be http://"));
    for (String url : List.of("http://127.0.0.1:7070", "http://localhost:7070", "http://[::1]:7070", "http://127.0.0.2:1")) {
      HttpLoadTarget.requireLoopback(URI.create(url));
    }
  }

  @Test
  void should_check_the_server_is_ready_and_holds_documents_before_loading_it() throws Exception {
    URI base = start(1);
    try (HttpLoadTarget target = new HttpLoadTarget(base, Duration.ofSeconds(10))) {
      assertEquals("server " + base + "/: 5 documents, 9 passages", target.check());
      documents = 0;
      assertTrue(assertThrows(IOException.class, target::check).getMessage().contains("holds no documents"));
      readyStatus = 503;
      assertTrue(assertThrows(IOException.class, target::check).getMessage().contains("is not ready"));
    }
    assertFalse(bodies.iterator().hasNext(), "a check sends no search");
  }
}
