package io.quarry.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Type-7 percentiles worked out by hand: h = (n - 1) * p / 100, interpolate x[floor h], x[+1]. */
class PercentilesTest {

  static Stream<Arguments> cases() {
    double[] ten = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5}; // sorted 1..10
    return Stream.of(
        // n = 10, p50: h = 4.5 -> x[4] + 0.5 * (x[5] - x[4]) = 5 + 0.5 = 5.5
        Arguments.of(ten, 50.0, 5.5),
        // p95: h = 8.55 -> 9 + 0.55 * 1 = 9.55
        Arguments.of(ten, 95.0, 9.55),
        // p99: h = 8.91 -> 9.91
        Arguments.of(ten, 99.0, 9.91),
        Arguments.of(ten, 0.0, 1.0),
        Arguments.of(ten, 100.0, 10.0),
        // a single value is every percentile
        Arguments.of(new double[] {42}, 99.0, 42.0),
        // n = 2, p95: h = 0.95 -> 100 + 0.95 * (200 - 100) = 195
        Arguments.of(new double[] {200, 100}, 95.0, 195.0));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void should_interpolate_between_closest_ranks_when_asked_for_percentile(double[] values,
      double p, double expected) {
    assertEquals(expected, Percentiles.percentile(values, p), 1e-9);
  }

  @Test
  void should_compute_several_percentiles_when_asked_at_once() {
    double[] values = {3, 1, 2};
    assertArrayEquals(new double[] {2.0, 2.9, 2.98},
        Percentiles.percentiles(values, 50, 95, 99), 1e-9);
    assertArrayEquals(new double[] {3, 1, 2}, values, 0.0); // input untouched
  }

  @Test
  void should_reject_input_when_empty_or_out_of_range() {
    assertEquals("illegal sample: empty, need at least one value",
        assertThrows(IllegalArgumentException.class,
            () -> Percentiles.percentile(new double[0], 50)).getMessage());
    assertEquals("illegal percentile: 101.0, must be in 0..100",
        assertThrows(IllegalArgumentException.class,
            () -> Percentiles.percentile(new double[] {1}, 101)).getMessage());
  }
}
