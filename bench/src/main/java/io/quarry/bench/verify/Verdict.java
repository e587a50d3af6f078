package io.quarry.bench.verify;

import io.quarry.bench.verify.Regression.Check;
import java.util.Locale;

/**
 * What a check found: {@code OK} within its tolerance, {@code IMPROVED} beyond it the good way,
 * {@code FAIL} beyond it the bad way or missing. Scores are compared at four decimals, as
 * {@code trec_eval} prints them.
 *
 * @param actual the measured score, NaN when the run had no such row
 */
public record Verdict(Check check, double actual, Outcome outcome) {

  public enum Outcome { OK, IMPROVED, FAIL }

  public static Verdict judge(Check c, double actual) {
    if (Double.isNaN(actual)) {
      return new Verdict(c, actual, Outcome.FAIL);
    }
    double diff = Math.round(actual * 10_000) / 10_000.0 - c.expected();
    if (Math.abs(diff) <= c.tolerance() + 1e-9) {
      return new Verdict(c, actual, Outcome.OK);
    }
    boolean better = c.higherIsBetter() ? diff > 0 : diff < 0;
    return new Verdict(c, actual, better ? Outcome.IMPROVED : Outcome.FAIL);
  }

  /** {@code OK       facts/factual bm25 ndcg@10 0.8262 (expected 0.8262 ± 0.0000)}. */
  public String line() {
    Check c = check;
    String got = Double.isNaN(actual) ? "missing: the run has no such row"
        : String.format(Locale.ROOT, "%.4f", actual);
    return String.format(Locale.ROOT, "%-8s %s/%s %s %s %s (expected %.4f ± %.4f)", outcome, c.set(), c.category(),
        c.mode(), c.metric(), got, c.expected(), c.tolerance());
  }
}
