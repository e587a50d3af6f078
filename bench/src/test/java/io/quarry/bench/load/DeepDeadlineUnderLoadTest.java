package io.quarry.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.Fixtures;
import io.quarry.bench.data.BenchQuery;
import io.quarry.bench.data.Corpus;
import io.quarry.bench.data.Queries;
import io.quarry.bench.data.Suite;
import io.quarry.bench.data.SuiteSet;
import io.quarry.core.document.Document;
import io.quarry.core.testing.TestLeg;
import io.quarry.server.BenchTestServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deep path keeps its deadline under an open-loop load: a real Quarry server (the default
 * engine: BM25, the in-process embedding model, the graph, deep search with its variants and second
 * hop) on a free loopback port over the fixture corpus, whose deep path also runs a leg that takes
 * {@value #SLOW_LEG_MS} ms unless the deadline cuts it. {@link LoadGenerator} drives it with
 * {@value #MIX} at {@value #RATE} requests a second for {@value #SECONDS} s per budget, the deep
 * requests carrying {@code deadline_ms} 40 or 200.
 *
 * <p>It asserts, per budget: the schedule kept and every request answered; every deep answer cut
 * ({@code partial}: the slow leg dropped); and the deep path's P99 over at least 100 answers, <b>as
 * the server reports it</b> ({@code timings_ms.total}), at most the promise (the budget + 10%) plus
 * {@value #CI_SLACK_MS} ms. Without the deadline every deep answer would take the slow leg's
 * {@value #SLOW_LEG_MS} ms, so either budget fails a deadline that does not cut.
 *
 * <p>Why that bound, and not the promise alone, which {@code quarry-bench load} measures on SciFact
 * (bench/README.md, "Load"):
 *
 * <ul>
 *   <li><b>The server's timing</b>, because it is what the deadline governs: it starts when the
 *       deep path takes the request. The client-side latency adds the HTTP exchange and any queue
 *       in front of the engine, which on a CI runner grows with every stall of the machine and is
 *       not the deadline's to bound. (The client's P99 is still checked to be at least the
 *       server's, which every single request guarantees.)
 *   <li><b>A slack in milliseconds</b> on top of the 10%: CI runs on a shared 2-core machine, and
 *       {@code ../shared/tools/ci-under-load.sh} keeps both cores busy with two spinning loops
 *       while this JVM runs the server and the generator. When the deadline fires, the engine's
 *       threads must then wait for a core to cut the legs off and answer, and a whole-JVM pause
 *       (a collection) stops them all; that wait does not scale with the budget. Measured in 8
 *       runs (4 as here, 4 at 12/s half deep) with two spinning loops on top of this machine's
 *       other work (a load average of 7 to 10 on 2 cores, harsher than CI), the server-reported
 *       deep P99 exceeded the promise by up to 204 ms at 40 ms and 131 ms at 200 ms, and the
 *       slowest answers spent it in a stage that takes well under a millisecond on a quiet
 *       machine (planning 256 ms, fusion 231 ms, hydration 396 ms): their threads were waiting
 *       for a core. Under {@code ci-under-load.sh} itself (2 full CI runs, both passing, with
 *       this machine's other work beside them) it was 42 and 264 ms at 40 ms, 199 and 297 ms at
 *       200 ms. {@value #CI_SLACK_MS} ms holds all of that with room, and is still a twelfth of
 *       what the uncut slow leg takes.
 *   <li><b>At least 100 deep answers</b>, so that P99 (the 101st of 102 in rank) lets one stalled
 *       answer through rather than failing on it, as P99 means.
 *   <li><b>A moderate rate</b>, so that the test is about the deadline, not about saturating the
 *       runner.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeepDeadlineUnderLoadTest {

  /** Requests per second. */
  static final int RATE = 8;
  /** A quarter fast, three quarters deep: the deep answers are what is measured. */
  static final String MIX = "fast=0.25,deep=0.75";
  /** How long each budget is loaded: 136 requests, 102 of them deep. */
  static final int SECONDS = 17;
  /** The most the server-side deep P99 may exceed the promise (budget + 10%) by on a busy CI machine. */
  static final int CI_SLACK_MS = 400;

  /** How long the extra deep leg sleeps unless the deadline cuts it (its interrupt ends the sleep). */
  static final long SLOW_LEG_MS = 5_000;

  private BenchTestServer server;
  private HttpLoadTarget target;
  private List<BenchQuery> queries;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    server = new BenchTestServer(data, Map.of(), List.of(new TestLeg("slow", SLOW_LEG_MS, 0)));
    Suite suite = Suite.read(Fixtures.suite());
    queries = new ArrayList<>();
    for (SuiteSet set : suite.sets()) {
      List<Document> docs = new ArrayList<>();
      new Corpus(set.corpus()).forEach(docs::add);
      server.engine().upsert(docs);
      queries.addAll(Queries.read(set.queries()));
    }
    target = new HttpLoadTarget(URI.create(server.base()), Duration.ofSeconds(30));
    // warm: the JIT, the encoder, both paths
    LoadSettings warm = LoadSettings.of(ModeMix.parse(MIX)).withDuration(Duration.ofSeconds(3))
        .withMaxRequests(24);
    new LoadGenerator(target, Ticker.SYSTEM, System.err).run(warm, RATE, queries);
  }

  @AfterAll
  void stop() throws Exception {
    if (target != null) {
      target.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "deep budget {0} ms")
  @ValueSource(ints = {40, 200})
  void should_keep_the_deep_deadline_under_an_open_loop_load(int budgetMs) throws Exception {
    LoadSettings s = LoadSettings.of(ModeMix.parse(MIX)).withDuration(Duration.ofSeconds(SECONDS))
        .withDeepBudgetMs(budgetMs);
    PrintStream progress = System.err;

    LoadRun run = new LoadGenerator(target, Ticker.SYSTEM, progress).run(s, RATE, queries);

    progress.print(LoadTable.run(run));
    ModeStats deep = run.mode("deep");
    ModeStats fast = run.mode("fast");
    assertEquals(RATE * SECONDS, run.sent(), "the schedule is kept");
    assertEquals(0, run.errors(), "every request answered: " + deep.firstErrors() + fast.firstErrors());
    assertEquals(RATE * SECONDS * 3 / 4, deep.ok());
    assertTrue(deep.ok() >= 100, "enough deep answers for P99 to let one stalled answer through");
    assertEquals(deep.ok(), deep.server().count(), "every deep answer carries timings_ms.total");
    assertEquals(deep.ok(), deep.partial(), "the deadline cut the slow leg of every deep answer");
    double bound = budgetMs * (1 + DeadlineCheck.SLACK) + CI_SLACK_MS;
    assertTrue(deep.server().p99Ms() <= bound, String.format(java.util.Locale.ROOT,
        "server-reported deep P99 %.1f ms, over the budget %d ms + 10%% + %d ms = %.0f ms; slowest: %s",
        deep.server().p99Ms(), budgetMs, CI_SLACK_MS, bound, deep.slowest()));
    assertTrue(deep.latency().p99Ms() >= deep.server().p99Ms(), "the client waits at least as long as the server works");
  }
}
