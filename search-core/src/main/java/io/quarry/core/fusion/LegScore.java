package io.quarry.core.fusion;

/**
 * Where one leg placed a hit: its 1-based rank in that leg and the leg's raw score.
 *
 * @param rank 1-based rank in the leg's list
 * @param score the leg's own score (BM25 score, vector similarity, ...)
 */
public record LegScore(int rank, double score) {
  public LegScore {
    if (rank < 1) {
      throw new IllegalArgumentException("illegal rank: " + rank + ", must be >= 1");
    }
  }
}
