package io.quarry.core.fusion;

import java.util.List;

/**
 * A leg's output: candidates best first, each key at most once.
 *
 * @param leg the leg's name
 * @param candidates best first
 * @param explanation why the leg ranked as it did, for {@code explain=true} (the graph's linked
 *     entities and paths); JSON-friendly values, usually empty
 */
public record RankedList(String leg, List<Candidate> candidates, java.util.Map<String, Object> explanation)
    implements io.quarry.core.dag.Sized {
  public RankedList {
    candidates = List.copyOf(candidates);
    explanation = explanation == null ? java.util.Map.of() : java.util.Map.copyOf(explanation);
  }

  /** A list with nothing to explain. */
  public RankedList(String leg, List<Candidate> candidates) {
    this(leg, candidates, java.util.Map.of());
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
