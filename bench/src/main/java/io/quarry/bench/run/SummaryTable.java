package io.quarry.bench.run;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The plain-text summary printed to stdout after a run: one line per result row, grouped by
 * category (then set, then mode), and a footer with the skipped query counts. Numbers use
 * Locale.ROOT; an absent metric prints as {@code -}.
 */
public final class SummaryTable {

  private static final String HEADER_FORMAT =
      "%-13s %-20s %-15s %7s %7s %7s %7s %7s %8s %7s %7s %9s %9s %7s %9s%n";
  private static final String ROW_FORMAT =
      "%-13s %-20s %-15s %7d %7s %7s %7s %7s %8s %7s %7s %9.1f %9.1f %7s %9s%n";

  private SummaryTable() {}

  /**
   * The table for a run.
   *
   * @param skipped per set, the queries that were run but not evaluated (no relevant document)
   */
  public static String format(RunFile run, Map<String, Integer> skipped) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, HEADER_FORMAT, "category", "set", "mode", "queries",
        "nDCG@10", "R@5", "R@100", "MRR@10", "fresh@10", "leak@10", "stale@1", "p50_ms", "p95_ms",
        "partial", "p50_ratio"));
    List<ResultRow> rows = run.results().stream()
        .sorted(Comparator.comparing(ResultRow::category).thenComparing(ResultRow::set))
        .toList();
    for (ResultRow r : rows) {
      out.append(String.format(Locale.ROOT, ROW_FORMAT, r.category(), r.set(), r.mode(),
          r.queries(), num(r.ndcg10()), num(r.recall5()), num(r.recall100()), num(r.mrr10()),
          num(r.fresh10()), num(r.futureLeak10()), num(r.staleAnswer1()), r.p50Ms(), r.p95Ms(),
          num(r.partialRate()), r.p50Ratio() == null ? "-"
              : String.format(Locale.ROOT, "%.2fx %s", r.p50Ratio(), r.vs())));
    }
    if (run.peers() != null) {
      for (var st : run.peers().status()) {
        out.append(String.format(Locale.ROOT, "peer %-12s %-8s %s%n", st.peer(), st.state(),
            st.detail() == null ? "" : st.detail()));
      }
      run.peers().hnswRecall100().forEach((set, recall) -> out.append(String.format(Locale.ROOT,
          "HNSW recall@100 against the exact scan, %s: %.4f%n", set, recall)));
      var onnx = run.peers().onnxRuntime();
      if (onnx != null) {
        out.append(String.format(Locale.ROOT, "encoder throughput: Quarry %.1f texts/s, raw ONNX"
            + " Runtime best %.1f %s, ratio %.3f (%d texts, %d threads, %d rounds)%n",
            onnx.quarryPerSecond(), onnx.rawBest(), onnx.rawPerSecond(), onnx.ratio(),
            onnx.texts(), onnx.threads(), onnx.rounds()));
      }
    }
    out.append("skipped (no relevant document in the qrels, run but not evaluated): ")
        .append(skipped.isEmpty() ? "none" : skipped.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
        .append('\n');
    return out.toString();
  }

  private static String num(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }
}
