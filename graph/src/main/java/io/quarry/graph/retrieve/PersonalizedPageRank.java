package io.quarry.graph.retrieve;

import io.quarry.graph.model.Subgraph;
import java.util.function.BooleanSupplier;

/**
 * Personalized PageRank over a {@link Subgraph} by power iteration: {@code r = (1 - d) s + d
 * P^T r}, where {@code s} is the normalized seed (reset) vector and {@code P} moves from a node to
 * its neighbours in proportion to the edge weights. Mass that reaches a node with no edges
 * returns to the seeds. With HippoRAG's damping of 0.5 the error halves every iteration, so a few
 * tens of iterations are exact to float precision.
 */
public final class PersonalizedPageRank {

  private PersonalizedPageRank() {}

  /**
   * @param graph the neighbourhood
   * @param seeds reset weight per node (any non-negative scale; all zero gives all zero)
   * @param damping the probability of following an edge rather than restarting
   * @param iterations at most this many
   * @param cancelled checked every iteration
   * @return the stationary mass per node, summing to 1 (or all zero)
   */
  public static double[] run(Subgraph graph, double[] seeds, double damping, int iterations,
      BooleanSupplier cancelled) {
    int n = graph.size();
    double sum = 0;
    for (double s : seeds) {
      sum += s;
    }
    double[] reset = new double[n];
    if (sum <= 0) {
      return reset;
    }
    for (int i = 0; i < n; i++) {
      reset[i] = seeds[i] / sum;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double w = 0;
      for (int e = graph.start(i); e < graph.end(i); e++) {
        w += graph.weight(e);
      }
      out[i] = w;
    }
    double[] rank = reset.clone();
    double[] next = new double[n];
    for (int it = 0; it < iterations && !cancelled.getAsBoolean(); it++) {
      double dangling = 0;
      java.util.Arrays.fill(next, 0);
      for (int i = 0; i < n; i++) {
        if (rank[i] == 0) {
          continue;
        }
        if (out[i] == 0) {
          dangling += rank[i];
          continue;
        }
        double share = damping * rank[i] / out[i];
        for (int e = graph.start(i); e < graph.end(i); e++) {
          next[graph.target(e)] += share * graph.weight(e);
        }
      }
      double restart = 1 - damping + damping * dangling;
      double delta = 0;
      for (int i = 0; i < n; i++) {
        next[i] += restart * reset[i];
        delta += Math.abs(next[i] - rank[i]);
      }
      double[] t = rank;
      rank = next;
      next = t;
      if (delta < 1e-9) {
        break;
      }
    }
    return rank;
  }
}
