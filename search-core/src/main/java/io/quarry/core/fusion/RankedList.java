package io.quarry.core.fusion;

import java.util.List;

/**
 * A leg's output: candidates best first, each key at most once.
 *
 * @param leg the leg's name
 * @param candidates best first
 */
public record RankedList(String leg, List<Candidate> candidates) implements io.quarry.core.dag.Sized {
  public RankedList {
    candidates = List.copyOf(candidates);
  }

  /**
   * A fused list as a ranked list named {@code leg}, so a later fusion can take it as one input:
   * each hit keeps its fused score and the documents of its best candidate.
   */
  public static RankedList of(String leg, List<FusedHit> fused) {
    List<Candidate> cs = new java.util.ArrayList<>(fused.size());
    fused.forEach(f -> cs.add(new Candidate(f.key(), f.score(), f.best().doc(), f.best().passageDoc())));
    return new RankedList(leg, cs);
  }

  @Override
  public int size() {
    return candidates.size();
  }
}
