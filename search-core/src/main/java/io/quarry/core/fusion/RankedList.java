package io.quarry.core.fusion;

import java.util.List;

/**
 * A leg's output: candidates best first, each key at most once.
 *
 * @param leg the leg's name
 * @param candidates best first
 */
public record RankedList(String leg, List<Candidate> candidates) {
  public RankedList {
    candidates = List.copyOf(candidates);
  }

  public int size() {
    return candidates.size();
  }
}
