package io.quarry.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedTestTest {

  @Test
  void should_find_no_difference_between_equal_systems() {
    double[] a = {0.1, 0.5, 0.9, 0.3};
    assertEquals(1.0, PairedTest.randomization(a, a.clone(), 1000, 1));
    assertEquals(1.0, PairedTest.randomization(new double[0], new double[0], 1000, 1));
  }

  @Test
  void should_call_a_consistent_gain_significant_and_noise_not() {
    SplittableRandom r = new SplittableRandom(7);
    int n = 60;
    double[] a = new double[n];
    double[] better = new double[n];
    double[] noisy = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextDouble(0.2, 0.8);
      better[i] = a[i] + r.nextDouble(0.0, 0.1); // never worse, often better
      noisy[i] = a[i] + (i % 2 == 0 ? 0.05 : -0.05); // as much up as down
    }
    assertTrue(PairedTest.randomization(a, better, 10_000, 1) < 0.001);
    assertEquals(1.0, PairedTest.randomization(a, noisy, 10_000, 1), 0.05);
  }

  @Test
  void should_match_the_exact_two_sided_p_value_of_a_small_case() {
    // 5 queries, all +0.1: of the 32 sign patterns, 2 (all + or all -) are as extreme
    double[] a = {0.5, 0.5, 0.5, 0.5, 0.5};
    double[] b = {0.6, 0.6, 0.6, 0.6, 0.6};
    assertEquals(2.0 / 32, PairedTest.randomization(a, b, 200_000, 3), 0.003);
  }

  @Test
  void should_refuse_unpaired_scores() {
    assertThrows(IllegalArgumentException.class, () -> PairedTest.randomization(new double[2], new double[3], 10, 1));
  }
}
