package io.quarry.bench.compare;

import java.util.SplittableRandom;

/**
 * A paired randomization test (Fisher's, as Smucker, Allan and Carterette recommend for IR
 * evaluation): under the null hypothesis that A and B are the same system, each query's
 * difference is as likely to have either sign, so the observed mean difference is compared with
 * the mean differences of random sign flips. Two-sided; seeded, so a run is reproducible.
 */
public final class PairedTest {

  public static final int DEFAULT_ROUNDS = 10_000;

  private PairedTest() {}

  /**
   * The p-value of the mean of {@code b - a}: how often random sign flips give a mean at least
   * as far from 0 as the observed one. 1 when there are no pairs or no differences.
   */
  public static double randomization(double[] a, double[] b, int rounds, long seed) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("unpaired: " + a.length + " and " + b.length + " scores");
    }
    int n = a.length;
    double[] d = new double[n];
    double observed = 0;
    for (int i = 0; i < n; i++) {
      d[i] = b[i] - a[i];
      observed += d[i];
    }
    observed = Math.abs(observed);
    if (n == 0 || observed < 1e-12) {
      return 1.0;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int asExtreme = 0;
    for (int r = 0; r < rounds; r++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += random.nextBoolean() ? d[i] : -d[i];
      }
      if (Math.abs(sum) >= observed - 1e-12) {
        asExtreme++;
      }
    }
    return (asExtreme + 1.0) / (rounds + 1.0);
  }
}
