package io.quarry.bench.compare;

import io.quarry.bench.run.ResultRow;
import io.quarry.bench.run.RunFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code compare}: matches the result rows of two runs by set, category and mode (a category can
 * span several sets, so the set is part of the key) and gives each pair a {@link Signal}.
 *
 * <p>Thresholds (BENCHMARK.md), applied symmetrically:
 *
 * <ul>
 *   <li>{@code regression}: new P50 &gt; 1.25 &times; old P50 (up more than 25%), or new nDCG@10
 *       &lt; old nDCG@10 - 0.01;
 *   <li>{@code improved}: not a regression, and new P50 &lt; 0.75 &times; old P50 (down more than
 *       25%) or new nDCG@10 &gt; old nDCG@10 + 0.01. A faster but worse row is a regression; a
 *       better but much slower row is one too.
 *   <li>{@code stable}: everything else.
 * </ul>
 *
 * <p>Comparisons use the 4-decimal values of {@code run.json} with a 1e-9 slack, so a change of
 * exactly 0.0100 is not "more than 0.01". Rows present in only one run are listed as
 * {@code added} or {@code removed}, never dropped.
 */
public final class Comparison {

  /** Relative P50 change beyond which a row regresses (or improves). */
  public static final double P50_RATIO = 0.25;

  /** Absolute nDCG@10 change beyond which a row regresses (or improves). */
  public static final double NDCG_DELTA = 0.01;

  private static final double SLACK = 1e-9;

  /**
   * One compared row.
   *
   * @param set set name
   * @param category category
   * @param mode mode
   * @param old the old row, or null when added
   * @param current the new row, or null when removed
   * @param signal the verdict
   */
  public record Row(String set, String category, String mode, ResultRow old, ResultRow current,
      Signal signal) {}

  private Comparison() {}

  /** The signal for one row pair; see the class javadoc. */
  public static Signal signal(double oldP50, double newP50, double oldNdcg, double newNdcg) {
    boolean slower = newP50 > oldP50 * (1 + P50_RATIO) + SLACK;
    boolean worse = oldNdcg - newNdcg > NDCG_DELTA + SLACK;
    if (slower || worse) {
      return Signal.REGRESSION;
    }
    boolean faster = newP50 < oldP50 * (1 - P50_RATIO) - SLACK;
    boolean better = newNdcg - oldNdcg > NDCG_DELTA + SLACK;
    return faster || better ? Signal.IMPROVED : Signal.STABLE;
  }

  /** Every row of either run, sorted by category, set and mode. */
  public static List<Row> compare(RunFile old, RunFile current) {
    Map<String, ResultRow> olds = byKey(old);
    Map<String, ResultRow> news = byKey(current);
    List<Row> rows = new ArrayList<>();
    news.forEach((key, n) -> {
      ResultRow o = olds.get(key);
      Signal s = o == null ? Signal.ADDED : signal(o.p50Ms(), n.p50Ms(), o.ndcg10(), n.ndcg10());
      rows.add(new Row(n.set(), n.category(), n.mode(), o, n, s));
    });
    olds.forEach((key, o) -> {
      if (!news.containsKey(key)) {
        rows.add(new Row(o.set(), o.category(), o.mode(), o, null, Signal.REMOVED));
      }
    });
    rows.sort(Comparator.comparing(Row::category).thenComparing(Row::set)
        .thenComparing(Row::mode));
    return rows;
  }

  /** The printed table: old and new P50 and nDCG@10 with the signal, Locale.ROOT. */
  public static String format(List<Row> rows) {
    String fmt = "%-13s %-20s %-6s %9s %9s %11s %11s  %s%n";
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, fmt, "category", "set",
        "mode", "old_p50", "new_p50", "old_nDCG@10", "new_nDCG@10", "signal"));
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, fmt, r.category(), r.set(), r.mode(),
          r.old() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.old().p50Ms()),
          r.current() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.current().p50Ms()),
          r.old() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.old().ndcg10()),
          r.current() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.current().ndcg10()),
          r.signal().wireName()));
    }
    return out.toString();
  }

  private static Map<String, ResultRow> byKey(RunFile run) {
    Map<String, ResultRow> out = new LinkedHashMap<>();
    for (ResultRow r : run.results()) {
      out.put(r.key(), r);
    }
    return out;
  }
}
