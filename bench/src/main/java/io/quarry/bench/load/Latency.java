package io.quarry.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency distribution in milliseconds, read from an HdrHistogram of
 * microseconds kept to 3 significant digits (so each figure is within 0.1% of the exact value,
 * rounded up to the top of its bucket); all 0 when nothing was recorded.
 *
 * @param count values recorded
 */
public record Latency(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
    double meanMs) {

  /** Significant decimal digits every histogram keeps. */
  public static final int DIGITS = 3;

  /** A histogram of microseconds as this class reads it. */
  static Histogram histogram() {
    return new Histogram(DIGITS);
  }

  /** Records a duration in nanoseconds (negative ones as 0). */
  static void record(Histogram h, long nanos) {
    h.recordValue(Math.max(0, nanos) / 1_000);
  }

  static Latency of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new Latency(0, 0, 0, 0, 0, 0, 0);
    }
    return new Latency(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
        Math.round(h.getMean()) / 1000.0);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
