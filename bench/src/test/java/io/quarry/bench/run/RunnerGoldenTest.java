package io.quarry.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.bench.FakeBackend;
import io.quarry.bench.Fixtures;
import io.quarry.bench.backend.BackendQuery;
import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.data.Suite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end over the fixture suite with a fake engine returning fixed rankings. The expected
 * numbers of expected-run.json, worked out by hand (log2 discounts: r2 1.5850, r3 2, r4 2.3219):
 *
 * <pre>
 * facts (undated; f4 has neither title nor text and is skipped, so 4 docs):
 *   q1 factual   f3(1) f1(2) f2 [f3 dup]: DCG 1 + 2/1.5850 = 2.2619; IDCG 2 + 1/1.5850 = 2.6309
 *                nDCG 0.8597; R@2..100 = 2/2; MRR 1; latency 10 ms (partial in fast)
 *   q2 factual   f1 f5 f2(1): nDCG 1/2 = 0.5; R@2 0, R@5.. 1; MRR 1/3; 20 ms
 *   q3 analytic  f2(1) only, f1 f2 relevant: nDCG 1 / (1 + 0.6309) = 0.6131; R@k 1/2; MRR 1; 30 ms
 *   q4 factual   only a grade-0 judgment: skipped (still run: 40 ms counts for latency)
 *   factual:     nDCG (0.8597 + 0.5) / 2 = 0.6799; R@2 0.5; MRR (1 + 1/3) / 2 = 0.6667
 *                latency [10, 20, 40]: p50 20; p95 h = 1.9 -> 20 + 0.9 * 20 = 38; p99 39.6
 *                partial in fast 1/3 = 0.3333
 * news (dated; n2 via publish_date, n5 via publish_date because date is "", n4 undated):
 *   w1 freshness as_of 2023-06-15, n2 n1(2) n3 n4: nDCG (2/1.5850) / 2.6309 = 0.4796; R@k 1/2;
 *                MRR 1/2; ages n2 165, n1 5 (fresh), n3 -5 (leak), n4 undated (not counted):
 *                fresh 1/3, leak 1/3; top hit n2 is a stale answer: 1; 5 ms
 *   w2 temporal  no as_of (the engine gets none), reference = question_date 2023-06-15;
 *                n1(1) n5: nDCG 1; fresh 2/2; leak 0; stale 0; 25 ms
 *   w3 freshness no relevant document: skipped; 15 ms -> freshness latency [5, 15]:
 *                p50 10, p95 14.5, p99 14.9
 * </pre>
 */
class RunnerGoldenTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
  private static final String GIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir
  Path tmp;

  private Runner.Outcome runFixture(FakeBackend backend, Path out, Path history)
      throws IOException {
    Suite suite = Suite.read(Fixtures.suite());
    Runner.Options options = new Runner.Options(suite.name(), suite.sets(),
        List.of(BenchMode.BM25, BenchMode.FAST), 0, out, history,
        Map.of("fusion.rrf_k", "60"));
    PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8);
    return new Runner(backend, CLOCK, GIT, progress).run(options);
  }

  @Test
  void should_write_exact_run_json_when_fixture_suite_runs() throws IOException {
    Path out = tmp.resolve("out/run.json");
    runFixture(new FakeBackend(), out, null);

    ObjectMapper mapper = new ObjectMapper();
    JsonNode expected = mapper.readTree(
        Files.readString(Fixtures.suite().resolveSibling("expected-run.json")));
    String text = Files.readString(out);
    assertEquals(expected, mapper.readTree(text));
    assertFalse(text.contains("E-"), "numbers must be plain decimals: " + text);
    // field order as BENCHMARK.md lists it
    List<String> names = new ArrayList<>();
    Iterator<String> it = mapper.readTree(text).get("results").get(4).fieldNames();
    it.forEachRemaining(names::add);
    assertEquals(List.of("set", "category", "mode", "queries", "ndcg@10", "recall@2", "recall@5",
        "recall@10", "recall@100", "mrr@10", "fresh@10", "future_leak@10", "stale_answer@1",
        "p50_ms", "p95_ms", "p99_ms", "partial_rate"), names);
  }

  @Test
  void should_write_trec_lines_with_strictly_decreasing_scores_when_scores_tie() throws IOException {
    Path out = tmp.resolve("run.json");
    Runner.Outcome outcome = runFixture(new FakeBackend(), out, null);

    assertEquals(4, outcome.trecFiles().size());
    Path facts = tmp.resolve("run.facts.bm25.trec");
    assertEquals(List.of(
        "q1 Q0 f3 1 2.000000 quarry-bm25",
        "q1 Q0 f1 2 1.999999 quarry-bm25", // tie with f3 nudged down; duplicate f3 dropped
        "q1 Q0 f2 3 1.500000 quarry-bm25",
        "q2 Q0 f1 1 3.000000 quarry-bm25",
        "q2 Q0 f5 2 2.000000 quarry-bm25",
        "q2 Q0 f2 3 1.000000 quarry-bm25",
        "q3 Q0 f2 1 0.700000 quarry-bm25",
        "q4 Q0 f5 1 1.000000 quarry-bm25"), Files.readAllLines(facts));
    assertTrue(Files.exists(tmp.resolve("run.news.fast.trec")));
  }

  @Test
  void should_send_only_text_and_as_of_when_querying_engine() throws IOException {
    FakeBackend backend = new FakeBackend();
    runFixture(backend, tmp.resolve("run.json"), null);

    List<BackendQuery> news = backend.received.stream()
        .filter(q -> q.text().startsWith("what happened") && q.mode() == BenchMode.BM25).toList();
    assertEquals(new BackendQuery("what happened this week", 100, BenchMode.BM25,
        LocalDate.parse("2023-06-15")), news.get(0));
    // temporal query: question_date is only the metric's reference day, never sent
    assertNull(news.get(1).asOf());
    assertEquals(14, backend.received.size()); // 7 queries x 2 modes, skipped ones included
  }

  @Test
  void should_number_history_copies_when_runs_repeat() throws IOException {
    Path history = tmp.resolve("runs");
    Runner.Outcome first = runFixture(new FakeBackend(), tmp.resolve("a.json"), history);
    Runner.Outcome second = runFixture(new FakeBackend(), tmp.resolve("b.json"), history);

    assertEquals(history.resolve("0001.json"), first.historyCopy());
    assertEquals(history.resolve("0002.json"), second.historyCopy());
    assertEquals(Files.readString(tmp.resolve("b.json")), Files.readString(second.historyCopy()));
    assertEquals(Map.of("facts", 1, "news", 1), second.skipped());
  }

  @Test
  void should_print_summary_with_skipped_counts_when_run_completes() throws IOException {
    Runner.Outcome outcome = runFixture(new FakeBackend(), tmp.resolve("run.json"), null);

    String table = SummaryTable.format(outcome.run(), outcome.skipped());
    List<String> lines = table.lines().toList();
    assertEquals(10, lines.size());
    assertTrue(lines.get(0).startsWith("category      set                  mode            queries"));
    assertEquals("analytical    facts                bm25                  1  0.6131  0.5000  0.5000"
        + "  1.0000        -       -       -      30.0      30.0  0.0000         -", lines.get(1));
    assertTrue(lines.get(5).startsWith("freshness     news                 bm25                  1  0.4796"),
        lines.get(5));
    assertEquals("skipped (no relevant document in the qrels, run but not evaluated): facts 1,"
        + " news 1", lines.get(9));
  }
}
