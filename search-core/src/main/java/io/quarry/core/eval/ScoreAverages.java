package io.quarry.core.eval;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Means of per-query scores: each metric is the arithmetic mean over the queries for which it is
 * defined (so {@code fresh@10} may average over fewer queries than nDCG@10, see
 * {@link FreshnessMetrics}). Queries without relevant documents never reach this class: the
 * {@link QueryEvaluator} skips them and the caller counts them.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScoreAverages {

  private final int queries;
  private final Map<Metric, Double> sums;
  private final Map<Metric, Integer> counts;

  private ScoreAverages(int queries, Map<Metric, Double> sums, Map<Metric, Integer> counts) {
    this.queries = queries;
    this.sums = sums;
    this.counts = counts;
  }

  /** Averages of the given evaluated queries. */
  public static ScoreAverages of(Collection<QueryScores> scores) {
    Map<Metric, Double> sums = new EnumMap<>(Metric.class);
    Map<Metric, Integer> counts = new EnumMap<>(Metric.class);
    for (QueryScores s : scores) {
      s.values().forEach((metric, value) -> {
        sums.merge(metric, value, Double::sum);
        counts.merge(metric, 1, Integer::sum);
      });
    }
    return new ScoreAverages(scores.size(), sums, counts);
  }

  /** Number of evaluated queries. */
  public int queries() {
    return queries;
  }

  /** Mean of a metric over the queries where it is defined; empty when it is defined for none. */
  public OptionalDouble mean(Metric metric) {
    Integer n = counts.get(metric);
    return n == null ? OptionalDouble.empty() : OptionalDouble.of(sums.get(metric) / n);
  }

  /** Number of queries for which the metric is defined. */
  public int count(Metric metric) {
    return counts.getOrDefault(metric, 0);
  }
}
