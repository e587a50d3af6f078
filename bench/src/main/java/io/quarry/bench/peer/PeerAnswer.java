package io.quarry.bench.peer;

import io.quarry.bench.backend.RankedHit;
import java.util.List;

/**
 * A peer's answer to one query.
 *
 * @param hits document ids best first, at most k, no duplicates
 * @param searchMs the search alone as the peer timed it (its own clock, its own process), &ge; 0
 */
public record PeerAnswer(List<RankedHit> hits, double searchMs) {

  public PeerAnswer {
    hits = List.copyOf(hits);
    if (!(searchMs >= 0) || Double.isInfinite(searchMs)) {
      throw new IllegalArgumentException("illegal searchMs: " + searchMs + ", must be >= 0");
    }
  }
}
