package io.quarry.bench.load;

import static io.quarry.bench.load.FakeTicker.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.data.BenchQuery;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The sweep on a fake clock against a one-at-a-time server taking 30 ms a request: up to 33/s it
 * keeps up (latency 30 ms), beyond it the queue grows by the second. At 40/s for 1 s the last of
 * 40 requests is due at 975 ms and answered at 1200 ms (225 ms): P99 over 100 ms.
 */
class LoadSweepTest {

  private static final List<BenchQuery> QUERIES = List.of(new BenchQuery("q", "alpha", null, null, null));
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private static LoadGenerator oneAtATime(FakeTicker clock, long serviceMs) {
    LoadTarget server = r -> {
      clock.advance(ms(serviceMs));
      return CompletableFuture.completedFuture(LoadReply.answer(200, false, serviceMs));
    };
    return new LoadGenerator(server, clock, QUIET);
  }

  private static LoadSettings oneSecond(String mix) {
    return LoadSettings.of(ModeMix.parse(mix)).withDuration(Duration.ofSeconds(1));
  }

  @Test
  void should_name_the_highest_rate_under_the_threshold_and_skip_the_rest() throws Exception {
    Threshold t = new Threshold(BenchMode.FAST, 100);

    LoadSweep.Outcome o = LoadSweep.run(oneAtATime(new FakeTicker(), 30), oneSecond("fast"),
        List.of(40.0, 10.0, 20.0, 80.0), QUERIES, t, false, QUIET);

    assertEquals(List.of(10.0, 20.0, 40.0), o.runs().stream().map(LoadRun::rate).toList(), "rising");
    assertEquals(20.0, o.highestRate());
    assertEquals(List.of(80.0), o.skipped());
    assertEquals(30.0, o.runs().get(1).mode("fast").latency().p99Ms(), 0.1);
    assertEquals(225.0, o.runs().get(2).mode("fast").latency().maxMs(), 0.3);
    String table = LoadTable.sweep(o);
    assertTrue(table.contains("| 20 | 20 |"), table);
    List<String> lines = table.strip().lines().toList();
    assertEquals(lines.get(0).chars().filter(c -> c == '|').count(), lines.get(1).chars().filter(c -> c == '|').count(),
        "the delimiter row has a cell per column: " + table);
    assertTrue(table.contains("highest rate with fast P99 < 100 ms and no errors: 20/s (of 10, 20, 40);"
        + " not run after the first miss: 80"), table);
  }

  @Test
  void should_not_count_a_rate_that_holds_after_a_lower_one_missed() throws Exception {
    // errors at 10/s only: 10 misses, 20 holds; the sustained rate is none
    FakeTicker clock = new FakeTicker();
    LoadTarget server = r -> {
      clock.advance(ms(1));
      return CompletableFuture.completedFuture(r.seq() == 3 && clock.nanoTime() < ms(1000)
          ? LoadReply.failed(500, "http 500: boom") : LoadReply.answer(200, false, 1));
    };
    Threshold t = new Threshold(BenchMode.FAST, 100);

    LoadSweep.Outcome o = LoadSweep.run(new LoadGenerator(server, clock, QUIET), oneSecond("fast"),
        List.of(10.0, 20.0), QUERIES, t, true, QUIET);

    assertEquals(2, o.runs().size(), "--keep-going runs them all");
    assertFalse(t.heldBy(o.runs().get(0)));
    assertTrue(t.heldBy(o.runs().get(1)));
    assertNull(o.highestRate());
  }

  @Test
  void should_check_the_deep_deadline_from_the_schedule_and_by_the_server() throws Exception {
    // 10/s, deep only, 42 ms a request: under the 40 ms + 10% = 44 ms limit both ways
    LoadSettings s = oneSecond("deep").withDeepBudgetMs(40);

    LoadSweep.Outcome o = LoadSweep.run(oneAtATime(new FakeTicker(), 42), s, List.of(10.0), QUERIES,
        new Threshold(BenchMode.DEEP, 100), false, QUIET);

    DeadlineCheck c = DeadlineCheck.of(o.runs().getFirst()).getFirst();
    assertEquals(44.0, c.limitMs(), 1e-9);
    assertEquals(42.0, c.p99Ms(), 0.1);
    assertEquals(42.0, c.serverP99Ms(), 0.1);
    assertTrue(c.within());
    assertTrue(c.serverWithin());
    assertTrue(LoadTable.run(o.runs().getFirst()).contains("deep deadline 40 ms (+10% = 44.0 ms): P99 42.0 ms from"
        + " the schedule, within; server-reported P99 42.0 ms, within"), LoadTable.run(o.runs().getFirst()));
  }
}
