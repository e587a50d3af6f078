package io.quarry.core.eval;

import java.util.Arrays;

/**
 * Percentiles of a sample (latencies), by linear interpolation between closest ranks: for
 * {@code n} sorted values {@code x[0..n-1]} and {@code p} in [0, 100], let
 * {@code h = (n - 1) * p / 100}; the percentile is
 * {@code x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])}. This is Hyndman and
 * Fan's type 7, the default of numpy, R and Excel's {@code PERCENTILE.INC}: p0 is the minimum,
 * p100 the maximum, and p50 the usual median.
 *
 * <p>Pure functions; thread-safe. Cost: one sort of a copy, O(n log n).
 */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The {@code p}-th percentile of {@code values} (not modified).
   *
   * @throws IllegalArgumentException when {@code values} is empty, holds a non-finite value, or
   *     {@code p} is outside [0, 100]
   */
  public static double percentile(double[] values, double p) {
    return ofSorted(sortedCopy(values), p);
  }

  /** The given percentiles of {@code values}, sorting once. */
  public static double[] percentiles(double[] values, double... ps) {
    double[] sorted = sortedCopy(values);
    double[] out = new double[ps.length];
    for (int i = 0; i < ps.length; i++) {
      out[i] = ofSorted(sorted, ps[i]);
    }
    return out;
  }

  private static double[] sortedCopy(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("illegal sample: empty, need at least one value");
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("illegal sample value: " + v + ", must be finite");
      }
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted;
  }

  private static double ofSorted(double[] sorted, double p) {
    if (!(p >= 0.0 && p <= 100.0)) {
      throw new IllegalArgumentException("illegal percentile: " + p + ", must be in 0..100");
    }
    double h = (sorted.length - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }
}
