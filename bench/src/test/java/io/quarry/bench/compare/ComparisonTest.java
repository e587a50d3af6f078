package io.quarry.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.bench.run.ResultRow;
import io.quarry.bench.run.RunFile;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComparisonTest {

  static Stream<Arguments> signals() {
    return Stream.of(
        // old p50, new p50, old nDCG, new nDCG, signal
        Arguments.of(100.0, 100.0, 0.70, 0.70, Signal.STABLE),
        Arguments.of(100.0, 125.0, 0.70, 0.70, Signal.STABLE), // exactly +25%: not "more than"
        Arguments.of(100.0, 125.1, 0.70, 0.70, Signal.REGRESSION),
        Arguments.of(100.0, 100.0, 0.7000, 0.6900, Signal.STABLE), // exactly -0.01
        Arguments.of(100.0, 100.0, 0.7000, 0.6899, Signal.REGRESSION),
        Arguments.of(100.0, 75.0, 0.70, 0.70, Signal.STABLE), // exactly -25%
        Arguments.of(100.0, 74.9, 0.70, 0.70, Signal.IMPROVED),
        Arguments.of(100.0, 100.0, 0.7000, 0.7101, Signal.IMPROVED),
        // better quality but much slower: a regression
        Arguments.of(100.0, 130.0, 0.70, 0.80, Signal.REGRESSION),
        // faster but worse: a regression
        Arguments.of(100.0, 50.0, 0.70, 0.68, Signal.REGRESSION));
  }

  @ParameterizedTest
  @MethodSource("signals")
  void should_give_signal_when_p50_or_ndcg_changes(double oldP50, double newP50, double oldNdcg,
      double newNdcg, Signal expected) {
    assertEquals(expected, Comparison.signal(oldP50, newP50, oldNdcg, newNdcg));
  }

  @Test
  void should_list_added_and_removed_rows_when_runs_differ() {
    RunFile old = run(row("s", "factual", "bm25", 0.70, 10), row("s", "factual", "deep", 0.75, 90));
    RunFile current = run(row("s", "factual", "bm25", 0.72, 10), row("s", "factual", "fast", 0.73,
        20));
    List<Comparison.Row> rows = Comparison.compare(old, current);
    assertEquals(List.of(Signal.IMPROVED, Signal.REMOVED, Signal.ADDED),
        rows.stream().map(Comparison.Row::signal).toList());
    assertEquals("""
        category      set                  mode     old_p50   new_p50 old_nDCG@10 new_nDCG@10  signal
        factual       s                    bm25        10.0      10.0      0.7000      0.7200  improved
        factual       s                    deep        90.0         -      0.7500           -  removed
        factual       s                    fast           -      20.0           -      0.7300  added
        """, Comparison.format(rows));
  }

  static ResultRow row(String set, String category, String mode, double ndcg, double p50) {
    return new ResultRow(set, category, mode, 10, ndcg, 0.5, 0.6, 0.7, 0.9, 0.8, null, null, null,
        p50, p50 * 2, p50 * 3, 0.0, null);
  }

  static RunFile run(ResultRow... rows) {
    return new RunFile("suite", "2026-01-01T00:00:00Z", "abc", Map.of(), List.of(),
        List.of(rows));
  }
}
