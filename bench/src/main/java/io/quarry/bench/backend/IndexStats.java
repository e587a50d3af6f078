package io.quarry.bench.backend;

/**
 * What indexing one set's corpus produced; becomes one {@code index} entry of {@code run.json}.
 *
 * @param docs documents in the index
 * @param passages passages (chunks) in the index
 * @param indexSeconds wall-clock seconds spent indexing in this run (0 when an existing index was
 *     reused)
 * @param embedSeconds seconds of that spent embedding passages, or null when the backend cannot
 *     observe it (HTTP)
 * @param graphNodes knowledge-graph nodes, or null when no graph was built
 * @param graphEdges knowledge-graph edges, or null when no graph was built
 */
public record IndexStats(long docs, long passages, double indexSeconds, Double embedSeconds,
    Long graphNodes, Long graphEdges) {

  public IndexStats {
    if (docs < 0 || passages < 0) {
      throw new IllegalArgumentException("illegal index stats: docs=" + docs + ", passages="
          + passages + ", must be >= 0");
    }
    if (!(indexSeconds >= 0.0) || (embedSeconds != null && !(embedSeconds >= 0.0))) {
      throw new IllegalArgumentException("illegal index seconds: index=" + indexSeconds
          + ", embed=" + embedSeconds + ", must be >= 0");
    }
  }
}
