package io.quarry.embeddings.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts texts into inference batches that waste little padding: texts are sorted by token length,
 * longest first, and consecutive texts are grouped while the batch has fewer than {@code
 * maxBatchSize} texts and {@code texts * longest} stays within {@code maxBatchTokens}.
 *
 * <p>Longest first lets the largest batch start first, which balances work across workers. A text
 * longer than the token budget runs alone. Pure function; thread-safe; O(n log n).
 */
public final class BatchPlanner {

  private BatchPlanner() {}

  /**
   * Plans batches.
   *
   * @param lengths token length of each text, by input index; every length at least 1
   * @return batches of input indices; every index appears exactly once; within a batch and across
   *     batches lengths are non-increasing
   */
  public static List<int[]> plan(int[] lengths, int maxBatchSize, int maxBatchTokens) {
    if (maxBatchSize < 1 || maxBatchTokens < 1) {
      throw new IllegalArgumentException("illegal batch bounds: size " + maxBatchSize
          + ", tokens " + maxBatchTokens + ", must be at least 1");
    }
    Integer[] order = new Integer[lengths.length];
    Arrays.setAll(order, i -> i);
    // stable sort: equal lengths keep input order, so plans are deterministic
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
    List<int[]> batches = new ArrayList<>();
    int start = 0;
    while (start < order.length) {
      int longest = lengths[order[start]];
      int end = start + 1;
      while (end < order.length
          && end - start < maxBatchSize
          && (long) (end - start + 1) * longest <= maxBatchTokens) {
        end++;
      }
      int[] batch = new int[end - start];
      for (int i = start; i < end; i++) {
        batch[i - start] = order[i];
      }
      batches.add(batch);
      start = end;
    }
    return batches;
  }
}
