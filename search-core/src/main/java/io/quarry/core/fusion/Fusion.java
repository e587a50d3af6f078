package io.quarry.core.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges several legs' ranked lists into one. Implementations differ only in how a key's
 * per-leg positions become one score; ordering is always {@link HitOrder#FUSED}.
 *
 * <p>Stateless and thread-safe.
 */
public abstract class Fusion {

  /** Fuses the lists and returns at most {@code limit} hits, best first. */
  public final List<FusedHit> fuse(List<RankedList> lists, int limit) {
    Map<String, Acc> byKey = new LinkedHashMap<>();
    Contribution contribution = contributions(lists);
    for (int li = 0; li < lists.size(); li++) {
      RankedList list = lists.get(li);
      List<Candidate> cs = list.candidates();
      for (int i = 0; i < cs.size(); i++) {
        Candidate c = cs.get(i);
        int rank = i + 1;
        Acc acc = byKey.computeIfAbsent(c.key(), k -> new Acc());
        if (acc.legs.containsKey(list.leg())) {
          continue; // a leg lists a key once; a later duplicate cannot improve it
        }
        acc.legs.put(list.leg(), new LegScore(rank, c.score()));
        acc.score += contribution.of(li, list, rank, c.score());
        if (acc.best == null || rank < acc.bestRank) {
          acc.best = c;
          acc.bestRank = rank;
        }
      }
    }
    List<FusedHit> out = new ArrayList<>(byKey.size());
    byKey.forEach((key, acc) -> out.add(new FusedHit(key, acc.score, acc.legs, acc.best)));
    out.sort(HitOrder.FUSED);
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  /**
   * Returns how each leg entry adds to a key's fused score for this set of lists (computed once
   * per {@link #fuse} call, e.g. to find each list's score range).
   */
  protected abstract Contribution contributions(List<RankedList> lists);

  /** What one leg entry adds to its key's fused score. */
  @FunctionalInterface
  protected interface Contribution {
    /**
     * @param listIndex position of the list in the input
     * @param list the list
     * @param rank 1-based rank in that list
     * @param score the leg's raw score
     */
    double of(int listIndex, RankedList list, int rank, double score);
  }

  /** A short description for diagnostics, e.g. {@code rrf(k=60, bm25=1.0, vector=1.0)}. */
  public abstract String describe();

  private static final class Acc {
    final Map<String, LegScore> legs = new HashMap<>(4);
    double score;
    Candidate best;
    int bestRank = Integer.MAX_VALUE;
  }
}
