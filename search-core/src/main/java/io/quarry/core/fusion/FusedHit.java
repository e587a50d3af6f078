package io.quarry.core.fusion;

import java.util.Map;

/**
 * A candidate after fusion.
 *
 * @param key the fusion key
 * @param score fused score; higher is better
 * @param legs rank and raw score in each leg that returned the key
 * @param best the candidate from the leg that ranked the key best (earliest leg on ties): its
 *     Lucene doc ids locate the hit and its passage
 */
public record FusedHit(String key, double score, Map<String, LegScore> legs, Candidate best) {

  /** Best (smallest) rank over all legs. */
  public int bestRank() {
    int best = Integer.MAX_VALUE;
    for (LegScore s : legs.values()) {
      best = Math.min(best, s.rank());
    }
    return best;
  }
}
