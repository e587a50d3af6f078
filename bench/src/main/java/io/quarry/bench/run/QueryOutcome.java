package io.quarry.bench.run;

import io.quarry.bench.backend.RankedHit;
import io.quarry.bench.data.BenchQuery;
import io.quarry.core.eval.QueryScores;
import java.util.List;
import java.util.Objects;

/**
 * One query run in one mode.
 *
 * @param query the query
 * @param hits the ranking, duplicates removed and cut to the run depth
 * @param partial the engine's partial flag
 * @param latencyMs the measured latency
 * @param scores the metric values, or null when the query has no relevant document (skipped)
 * @param stagesMs the engine's per-stage timings for this query, possibly empty
 */
record QueryOutcome(BenchQuery query, List<RankedHit> hits, boolean partial, double latencyMs,
    QueryScores scores, java.util.Map<String, Double> stagesMs) {

  QueryOutcome {
    Objects.requireNonNull(query, "query");
    hits = List.copyOf(hits);
  }
}
