package io.quarry.graph.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the graph one query searches: entity and passage nodes around its seeds, with
 * weighted undirected edges, in compressed sparse rows (primitive arrays), so personalized
 * PageRank runs over it the same way whichever store pulled it.
 *
 * <p>Immutable; build one with {@link #builder()}.
 */
public final class Subgraph {

  private final String[] ids;
  private final boolean[] passage;
  private final int[] offsets;
  private final int[] targets;
  private final float[] weights;
  private final Map<String, Integer> index;

  private Subgraph(String[] ids, boolean[] passage, int[] offsets, int[] targets, float[] weights,
      Map<String, Integer> index) {
    this.ids = ids;
    this.passage = passage;
    this.offsets = offsets;
    this.targets = targets;
    this.weights = weights;
    this.index = index;
  }

  public static final Subgraph EMPTY = builder().build();

  /** Number of nodes. */
  public int size() {
    return ids.length;
  }

  /** Node {@code n}'s id: an entity key, or a passage id ({@code documentId#ordinal}). */
  public String id(int n) {
    return ids[n];
  }

  public boolean isPassage(int n) {
    return passage[n];
  }

  /** The node with this id, or -1. */
  public int node(String id) {
    return index.getOrDefault(id, -1);
  }

  /** Where node {@code n}'s neighbours start in {@link #target} / {@link #weight}. */
  public int start(int n) {
    return offsets[n];
  }

  /** Where node {@code n}'s neighbours end (exclusive). */
  public int end(int n) {
    return offsets[n + 1];
  }

  public int target(int e) {
    return targets[e];
  }

  public float weight(int e) {
    return weights[e];
  }

  /** Undirected edges (each is stored once per direction). */
  public int edges() {
    return targets.length / 2;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects nodes and edges; an edge added twice keeps the sum of its weights. */
  public static final class Builder {
    private final List<String> ids = new ArrayList<>();
    private final List<Boolean> passage = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private long[] keys = new long[64];
    private float[] values = new float[64];
    private int count;

    /** Adds a node (once; later calls return the same number). */
    public int node(String id, boolean isPassage) {
      Integer n = index.get(id);
      if (n != null) {
        return n;
      }
      ids.add(id);
      passage.add(isPassage);
      index.put(id, ids.size() - 1);
      return ids.size() - 1;
    }

    /** The node with this id, or -1. */
    public int find(String id) {
      return index.getOrDefault(id, -1);
    }

    public int size() {
      return ids.size();
    }

    /** Adds {@code weight} to the undirected edge between two nodes; self-loops are ignored. */
    public Builder edge(int a, int b, double weight) {
      if (a == b || weight <= 0) {
        return this;
      }
      if (count == keys.length) {
        keys = Arrays.copyOf(keys, count * 2);
        values = Arrays.copyOf(values, count * 2);
      }
      keys[count] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
      values[count++] = (float) weight;
      return this;
    }

    public Subgraph build() {
      // sort the edges by key (so two stores that pulled the same neighbourhood build the same
      // rows) and sum duplicates
      Integer[] order = new Integer[count];
      for (int i = 0; i < count; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
      long[] k = new long[count];
      float[] w = new float[count];
      int m = 0;
      for (int i = 0; i < count; i++) {
        long key = keys[order[i]];
        if (m > 0 && k[m - 1] == key) {
          w[m - 1] += values[order[i]];
        } else {
          k[m] = key;
          w[m++] = values[order[i]];
        }
      }
      int n = ids.size();
      int[] degree = new int[n];
      for (int i = 0; i < m; i++) {
        degree[(int) (k[i] >>> 32)]++;
        degree[(int) k[i]]++;
      }
      int[] offsets = new int[n + 1];
      for (int i = 0; i < n; i++) {
        offsets[i + 1] = offsets[i] + degree[i];
      }
      int[] fill = Arrays.copyOf(offsets, n);
      int[] targets = new int[offsets[n]];
      float[] weights = new float[offsets[n]];
      for (int i = 0; i < m; i++) {
        int a = (int) (k[i] >>> 32);
        int b = (int) k[i];
        targets[fill[a]] = b;
        weights[fill[a]++] = w[i];
        targets[fill[b]] = a;
        weights[fill[b]++] = w[i];
      }
      boolean[] p = new boolean[n];
      for (int i = 0; i < n; i++) {
        p[i] = passage.get(i);
      }
      return new Subgraph(ids.toArray(String[]::new), p, offsets, targets, weights, index);
    }
  }
}
