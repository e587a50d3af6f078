package io.quarry.bench.cli;

import io.quarry.bench.run.ResultRow;
import io.quarry.bench.run.Runner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The A/B table of {@code run --vary}: one Markdown row per set, mode and value of the varied key,
 * so the values of each set and mode sit next to each other.
 */
final class AbTable {

  private AbTable() {}

  static String format(String key, Map<String, Runner.Outcome> outcomes) {
    record Row(String value, int order, ResultRow r) {}
    List<Row> rows = new ArrayList<>();
    int order = 0;
    for (Map.Entry<String, Runner.Outcome> e : outcomes.entrySet()) {
      for (ResultRow r : e.getValue().run().results()) {
        rows.add(new Row(e.getKey(), order, r));
      }
      order++;
    }
    rows.sort(Comparator.comparing((Row x) -> x.r.set()).thenComparing(x -> x.r.mode()).thenComparingInt(Row::order));
    StringBuilder out = new StringBuilder("\n| set | mode | " + key
        + " | nDCG@10 | R@10 | fresh@10 | future_leak@10 | stale_answer@1 | P50 ms | P95 ms |\n"
        + "|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row x : rows) {
      ResultRow r = x.r;
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4f | %.4f | %s | %s | %s | %.1f | %.1f |%n",
          r.set(), r.mode(), x.value, r.ndcg10(), r.recall10(), num(r.fresh10()),
          num(r.futureLeak10()), num(r.staleAnswer1()), r.p50Ms(), r.p95Ms()));
    }
    return out.toString();
  }

  private static String num(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }
}
