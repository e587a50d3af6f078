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

  @Override
  public int size() {
    return candidates.size();
  }
}
