package io.quarry.embeddings.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

  /** Plans rendered as "[i,j][k]" for compact table rows. */
  private static String render(List<int[]> plan) {
    return plan.stream()
        .map(b -> Arrays.stream(b).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")))
        .collect(Collectors.joining());
  }

  @ParameterizedTest(name = "lengths {0}, size {1}, tokens {2} -> {3}")
  @CsvSource(delimiter = ';', value = {
      "'';                4;  100;  ''",
      "5;                 4;  100;  [0]",
      "3 9 5 9;           4;  100;  [1,3,2,0]",   // longest first, ties in input order
      "3 9 5 9;           2;  100;  [1,3][2,0]",  // bounded by size
      "3 9 5 9;           4;  18;   [1,3][2,0]",  // 2 x 9 = 18 fits, 3 x 9 does not
      "3 9 5 9;           4;  17;   [1][3][2,0]", // 5 + 3 padded to 5: 10 <= 17
      "600 10 10;         8;  512;  [0][1,2]",    // a text over the budget runs alone
      "4 4 4 4 4;         1;  1000; [0][1][2][3][4]"})
  void should_plan_batches_when_given_lengths(String lengths, int size, int tokens, String expected) {
    int[] l = lengths.isBlank() ? new int[0] : Arrays.stream(lengths.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
    assertEquals(expected, render(BatchPlanner.plan(l, size, tokens)));
  }

  @Test
  void should_reject_bounds_when_below_one() {
    assertThrows(IllegalArgumentException.class, () -> BatchPlanner.plan(new int[] {1}, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> BatchPlanner.plan(new int[] {1}, 1, 0));
  }
}
