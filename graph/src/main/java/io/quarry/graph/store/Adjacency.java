package io.quarry.graph.store;

import java.util.Arrays;

/**
 * Weighted undirected edges over int node ids, in primitive arrays: per node a growable row of
 * neighbour ids and weights (no boxed maps), so a million nodes and millions of edges fit in a
 * few tens of bytes per edge. Adding weight to an existing edge sums it; an edge whose weight
 * falls to zero is removed.
 *
 * <p>Not thread-safe: the store guards it.
 */
final class Adjacency {

  private static final int[] NO_IDS = new int[0];

  private int[][] targets = new int[16][];
  private float[][] weights = new float[16][];
  private int[] degree = new int[16];
  private long edges;

  /** Adds {@code w} to the edge between {@code a} and {@code b} (negative to take it away). */
  void add(int a, int b, float w) {
    boolean existed = find(a, b) >= 0;
    addHalf(a, b, w);
    addHalf(b, a, w);
    boolean exists = find(a, b) >= 0;
    if (!existed && exists) {
      edges++;
    } else if (existed && !exists) {
      edges--;
    }
  }

  /** Removes the edge between {@code a} and {@code b}, whatever its weight. */
  void remove(int a, int b) {
    if (removeHalf(a, b)) {
      removeHalf(b, a);
      edges--;
    }
  }

  /** Removes every edge of {@code a}. */
  void clear(int a) {
    if (a >= degree.length) {
      return;
    }
    int[] ts = Arrays.copyOf(targets[a] == null ? NO_IDS : targets[a], degree[a]);
    for (int t : ts) {
      remove(a, t);
    }
  }

  int degreeOf(int a) {
    return a < degree.length ? degree[a] : 0;
  }

  int target(int a, int i) {
    return targets[a][i];
  }

  float weight(int a, int i) {
    return weights[a][i];
  }

  /** The weight of the edge between {@code a} and {@code b}, or 0. */
  float weightOf(int a, int b) {
    int i = find(a, b);
    return i < 0 ? 0 : weights[a][i];
  }

  long edges() {
    return edges;
  }

  /** Bytes held by the rows (the ids and weights arrays and their headers), for the memory report. */
  long bytes() {
    long b = 16L * 3 + 4L * degree.length + 2L * 8 * targets.length;
    for (int a = 0; a < targets.length; a++) {
      if (targets[a] != null) {
        b += 2 * (16 + 4L * targets[a].length);
      }
    }
    return b;
  }

  private int find(int a, int b) {
    if (a >= degree.length || targets[a] == null) {
      return -1;
    }
    int[] ts = targets[a];
    for (int i = 0, n = degree[a]; i < n; i++) {
      if (ts[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private void addHalf(int a, int b, float w) {
    grow(a);
    int i = find(a, b);
    if (i >= 0) {
      weights[a][i] += w;
      if (weights[a][i] <= 1e-6f) {
        removeAt(a, i);
      }
      return;
    }
    if (w <= 0) {
      return;
    }
    if (targets[a] == null) {
      targets[a] = new int[2];
      weights[a] = new float[2];
    } else if (degree[a] == targets[a].length) {
      int n = targets[a].length + (targets[a].length >> 1) + 1;
      targets[a] = Arrays.copyOf(targets[a], n);
      weights[a] = Arrays.copyOf(weights[a], n);
    }
    targets[a][degree[a]] = b;
    weights[a][degree[a]++] = w;
  }

  private boolean removeHalf(int a, int b) {
    int i = find(a, b);
    if (i < 0) {
      return false;
    }
    removeAt(a, i);
    return true;
  }

  private void removeAt(int a, int i) {
    int last = --degree[a];
    targets[a][i] = targets[a][last];
    weights[a][i] = weights[a][last];
    if (degree[a] == 0) {
      targets[a] = null;
      weights[a] = null;
    }
  }

  private void grow(int a) {
    if (a >= degree.length) {
      int n = Math.max(a + 1, degree.length * 2);
      targets = Arrays.copyOf(targets, n);
      weights = Arrays.copyOf(weights, n);
      degree = Arrays.copyOf(degree, n);
    }
  }
}
