package io.quarry.bench.backend;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one {@link BackendQuery}.
 *
 * @param hits ranked best first (the runner drops later duplicates of an id)
 * @param partial true when the engine dropped a leg or hit its deadline
 * @param latencyMs wall-clock milliseconds the search took as the backend measured it (in-process:
 *     the search call; HTTP: request sent to response read), &ge; 0
 * @param stagesMs the engine's own per-stage timings (the API's {@code timings_ms}: embed, bm25,
 *     vector, fuse, ...), empty when unknown
 */
public record BackendResult(List<RankedHit> hits, boolean partial, double latencyMs,
    Map<String, Double> stagesMs) {

  public BackendResult {
    hits = List.copyOf(Objects.requireNonNull(hits, "hits"));
    stagesMs = stagesMs == null ? Map.of() : Map.copyOf(stagesMs);
    if (!(latencyMs >= 0.0) || Double.isInfinite(latencyMs)) {
      throw new IllegalArgumentException("illegal latencyMs: " + latencyMs + ", must be >= 0");
    }
  }

  /** A result without stage timings. */
  public BackendResult(List<RankedHit> hits, boolean partial, double latencyMs) {
    this(hits, partial, latencyMs, Map.of());
  }
}
