package io.quarry.bench.backend;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one {@link BackendQuery}.
 *
 * @param hits ranked best first (the runner drops later duplicates of an id)
 * @param partial true when the engine dropped a leg or hit its deadline
 * @param latencyMs wall-clock milliseconds the search took as the backend measured it (in-process:
 *     the search call; HTTP: request sent to response read), &ge; 0
 */
public record BackendResult(List<RankedHit> hits, boolean partial, double latencyMs) {

  public BackendResult {
    hits = List.copyOf(Objects.requireNonNull(hits, "hits"));
    if (!(latencyMs >= 0.0) || Double.isInfinite(latencyMs)) {
      throw new IllegalArgumentException("illegal latencyMs: " + latencyMs + ", must be >= 0");
    }
  }
}
