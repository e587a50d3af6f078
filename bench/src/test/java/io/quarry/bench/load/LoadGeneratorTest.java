package io.quarry.bench.load;

import static io.quarry.bench.load.FakeTicker.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.data.BenchQuery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The schedule and the coordinated-omission correction, on a fake clock: the "server" answers
 * inside {@code send}, moving the clock on by its service time, so it holds the sender up exactly
 * as a stalled server holds up a client that waits, which is the case the correction is for.
 * Every expected figure is worked out by hand in the test; no wall clock is read.
 */
class LoadGeneratorTest {

  private static final List<BenchQuery> QUERIES = List.of(new BenchQuery("q1", "alpha", null, null, null),
      new BenchQuery("q2", "beta", null, null, null), new BenchQuery("q3", "gamma", null, null, null));

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  /** Answers request {@code seq} after {@code serviceMs.applyAsLong(seq)} ms of the fake clock. */
  private static final class SyncServer implements LoadTarget {

    final FakeTicker clock;
    final LongUnaryOperator serviceMs;
    final List<LoadRequest> received = new ArrayList<>();

    SyncServer(FakeTicker clock, LongUnaryOperator serviceMs) {
      this.clock = clock;
      this.serviceMs = serviceMs;
    }

    @Override
    public CompletableFuture<LoadReply> send(LoadRequest request) {
      received.add(request);
      long service = serviceMs.applyAsLong(request.seq());
      clock.advance(ms(service));
      return CompletableFuture.completedFuture(LoadReply.answer(200, request.mode() == BenchMode.DEEP, service));
    }
  }

  private LoadGenerator generator(LoadTarget target, FakeTicker clock) {
    return new LoadGenerator(target, clock, new PrintStream(progress, true, StandardCharsets.UTF_8));
  }

  private static LoadSettings settings(String mix, long seconds, long maxRequests) {
    return LoadSettings.of(ModeMix.parse(mix)).withDuration(Duration.ofSeconds(seconds)).withMaxRequests(maxRequests);
  }

  /** Within HdrHistogram's 3 significant digits. */
  private static void assertMs(double expected, double actual, String what) {
    assertTrue(Math.abs(actual - expected) <= expected * 0.002 + 0.001, what + ": expected " + expected + " ms, got " + actual);
  }

  @Test
  void should_measure_from_the_schedule_when_a_stalled_server_holds_the_sender_back() throws Exception {
    // 100/s for 2 s: request i is due at 10 i ms. Each takes 1 ms, but request 50 (due 500 ms)
    // takes 1000 ms, so requests 51.. go out late, back to back: 50 + j (j = 1..110) is sent at
    // 1499 + j and answered at 1500 + j, due at 500 + 10 j: latency 1000 - 9 j ms (991 down to 10).
    // From 161 (due 1610) the sender is on time again. Sorted, the 200 latencies are 89 x 1 ms,
    // then 10, 19, ..., 991 and 1000: the median (100th) is 10 + 9 * 10 = 100 ms, P99 (198th) is
    // 1000 - 9 * 2 = 982 ms. Measured from the actual send, every request but one took 1 ms.
    FakeTicker clock = new FakeTicker();
    SyncServer server = new SyncServer(clock, seq -> seq == 50 ? 1000 : 1);

    LoadRun run = generator(server, clock).run(settings("fast", 2, 1000), 100, QUERIES);

    assertEquals(200, run.sent(), "the schedule is not thinned by the stall");
    assertEquals("duration", run.stoppedBy());
    ModeStats fast = run.mode("fast");
    assertEquals(200, fast.ok());
    assertMs(100, fast.latency().p50Ms(), "corrected P50");
    assertMs(982, fast.latency().p99Ms(), "corrected P99");
    assertMs(1000, fast.latency().maxMs(), "corrected max");
    assertMs(1, fast.uncorrected().p50Ms(), "uncorrected P50");
    assertMs(1, fast.uncorrected().p99Ms(), "uncorrected P99: what a waiting client would claim");
    assertMs(1000, fast.uncorrected().maxMs(), "uncorrected max");
    assertMs(990, run.sendLag().maxMs(), "request 51 went out 990 ms late");
    assertMs(1, fast.server().p99Ms(), "the server's own timing");
    // the last answer: request 199, due 1990 ms, answered at 1991 ms
    assertEquals(1.991, run.elapsedSeconds(), 1e-9);
    assertEquals(200 / 1.991, run.throughput(), 1e-9);
  }

  @Test
  void should_keep_to_the_original_schedule_after_the_generator_itself_was_held_up() throws Exception {
    // 100/s for 1 s against an instant server; the sleep until 500 ms returns at 800 ms (a GC
    // pause, the busy machine). The 31 requests due 500..800 ms go out at 800 ms: latencies 300,
    // 290, ..., 0. From 810 ms on, every request goes out on its own time: none is dropped,
    // none added, and the schedule does not shift by the pause.
    FakeTicker clock = new FakeTicker().hiccup(500, 800);
    List<Long> sentAt = new ArrayList<>();
    LoadTarget instant = r -> {
      sentAt.add(clock.nanoTime());
      return CompletableFuture.completedFuture(LoadReply.answer(200, false, 0.5));
    };

    LoadRun run = generator(instant, clock).run(settings("fast", 1, 1000), 100, QUERIES);

    assertEquals(100, run.sent());
    assertEquals(ms(800), sentAt.get(50));
    assertEquals(ms(800), sentAt.get(80));
    assertEquals(ms(810), sentAt.get(81));
    assertEquals(ms(990), sentAt.get(99));
    ModeStats fast = run.mode("fast");
    assertMs(300, fast.latency().maxMs(), "corrected max");
    // 100 latencies: 69 x 0 ms and 0, 10, ..., 300 for requests 50..80: P90 (90th) = 200 ms
    assertMs(200, fast.latency().p90Ms(), "corrected P90");
    assertEquals(0, fast.uncorrected().maxMs());
    assertMs(300, run.sendLag().maxMs(), "send lag");
  }

  @Test
  void should_stop_at_max_requests_when_they_come_before_the_duration() throws Exception {
    FakeTicker clock = new FakeTicker();
    SyncServer server = new SyncServer(clock, seq -> 1);

    LoadRun run = generator(server, clock).run(settings("fast", 10, 7), 100, QUERIES);

    assertEquals(7, run.sent());
    assertEquals("max_requests", run.stoppedBy());
    assertEquals(7, server.received.size());
  }

  @Test
  void should_deal_modes_in_their_shares_and_every_mode_every_query_in_turn() throws Exception {
    FakeTicker clock = new FakeTicker();
    SyncServer server = new SyncServer(clock, seq -> 1);
    LoadSettings s = settings("fast=0.75,deep=0.25", 1, 8).withDeepBudgetMs(40);

    LoadRun run = generator(server, clock).run(s, 100, QUERIES);

    assertEquals(List.of("fast", "fast", "deep", "fast", "fast", "fast", "deep", "fast"),
        server.received.stream().map(r -> r.mode().wireName()).toList());
    assertEquals(List.of("alpha", "beta", "gamma", "alpha", "beta", "gamma"), server.received.stream()
        .filter(r -> r.mode() == BenchMode.FAST).map(r -> r.query().text()).toList());
    assertEquals(List.of("alpha", "beta"), server.received.stream()
        .filter(r -> r.mode() == BenchMode.DEEP).map(r -> r.query().text()).toList());
    server.received.forEach(r -> {
      if (r.mode() == BenchMode.DEEP) {
        assertEquals(40, r.deadlineMs());
      } else {
        assertNull(r.deadlineMs(), "the deep budget is for the deep path only");
      }
      assertEquals(LoadSettings.DEFAULT_K, r.query().k());
    });
    assertEquals(6, run.mode("fast").requests());
    assertEquals(2, run.mode("deep").partial());
    assertEquals(1.0, run.mode("deep").partialRate());
    assertEquals(0.0, run.mode("fast").partialRate());
  }

  @Test
  void should_go_on_with_the_queries_where_the_previous_run_stopped() throws Exception {
    FakeTicker clock = new FakeTicker();
    SyncServer server = new SyncServer(clock, seq -> 1);
    LoadGenerator g = generator(server, clock);

    g.run(settings("fast", 1, 2), 100, QUERIES);
    g.run(settings("fast", 1, 3), 100, QUERIES);

    assertEquals(List.of("alpha", "beta", "gamma", "alpha", "beta"),
        server.received.stream().map(r -> r.query().text()).toList());
  }

  @Test
  void should_count_failures_by_kind_and_keep_them_out_of_the_latency() throws Exception {
    FakeTicker clock = new FakeTicker();
    LoadTarget flaky = r -> switch ((int) (r.seq() % 4)) {
      case 1 -> CompletableFuture.completedFuture(LoadReply.failed(503, "http 503: overloaded"));
      case 2 -> CompletableFuture.failedFuture(new IllegalStateException("boom"));
      case 3 -> throw new IllegalStateException("refused to send");
      default -> CompletableFuture.completedFuture(LoadReply.answer(200, false, 2));
    };

    LoadRun run = generator(flaky, clock).run(settings("fast", 1, 8), 100, QUERIES);

    ModeStats fast = run.mode("fast");
    assertEquals(8, fast.requests());
    assertEquals(2, fast.ok());
    assertEquals(6, fast.errors());
    assertEquals(2, fast.errorKinds().get("http 503"));
    assertEquals(4, fast.errorKinds().get("failed"), fast.errorKinds().toString());
    assertEquals(2, fast.latency().count());
    assertEquals(0.75, fast.errorRate());
  }

  @Test
  void should_print_progress_while_it_runs() throws Exception {
    FakeTicker clock = new FakeTicker();
    SyncServer server = new SyncServer(clock, seq -> 1);

    generator(server, clock).run(settings("fast=0.5,deep=0.5", 12, 1000), 10, QUERIES);

    List<String> lines = progress.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), "a line every 5 s of a 12 s run: " + lines);
    assertTrue(lines.getFirst().startsWith("load 10/s: 5/12 s, sent 51, in flight 0, fast p99 1.0 ms, deep p99 1.0 ms, errors 0"),
        lines.getFirst());
  }
}
