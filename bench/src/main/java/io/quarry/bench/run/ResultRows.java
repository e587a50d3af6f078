package io.quarry.bench.run;

import io.quarry.core.eval.Metric;
import io.quarry.core.eval.Percentiles;
import io.quarry.core.eval.QueryScores;
import io.quarry.core.eval.ScoreAverages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregates the outcomes of one set and mode into {@link ResultRow}s, one per category (sorted
 * by name). A category none of whose queries could be evaluated gets no row; its queries show up
 * in the skipped count only.
 */
final class ResultRows {

  private ResultRows() {}

  /**
   * @param metrics the metrics the set reports (freshness ones only for dated corpora)
   */
  static List<ResultRow> of(String set, String mode, List<QueryOutcome> outcomes,
      Set<Metric> metrics) {
    Map<String, List<QueryOutcome>> byCategory = new TreeMap<>();
    for (QueryOutcome o : outcomes) {
      byCategory.computeIfAbsent(o.query().category(), c -> new ArrayList<>()).add(o);
    }
    List<ResultRow> rows = new ArrayList<>();
    byCategory.forEach((category, group) -> {
      List<QueryScores> scores = group.stream().map(QueryOutcome::scores)
          .filter(Objects::nonNull).toList();
      if (!scores.isEmpty()) {
        rows.add(row(set, category, mode, group, ScoreAverages.of(scores), metrics));
      }
    });
    return rows;
  }

  private static ResultRow row(String set, String category, String mode,
      List<QueryOutcome> group, ScoreAverages avg, Set<Metric> metrics) {
    double[] latencies = group.stream().mapToDouble(QueryOutcome::latencyMs).toArray();
    double[] p = Percentiles.percentiles(latencies, 50, 95, 99);
    long partial = group.stream().filter(QueryOutcome::partial).count();
    return new ResultRow(set, category, mode, avg.queries(),
        metric(avg, Metric.NDCG_10), metric(avg, Metric.RECALL_2),
        metric(avg, Metric.RECALL_5), metric(avg, Metric.RECALL_10),
        metric(avg, Metric.RECALL_100), metric(avg, Metric.MRR_10),
        optional(avg, Metric.FRESH_10, metrics), optional(avg, Metric.FUTURE_LEAK_10, metrics),
        optional(avg, Metric.STALE_ANSWER_1, metrics),
        Rounding.round(p[0], Rounding.TIME_DECIMALS), Rounding.round(p[1], Rounding.TIME_DECIMALS),
        Rounding.round(p[2], Rounding.TIME_DECIMALS),
        Rounding.round((double) partial / group.size(), Rounding.METRIC_DECIMALS),
        stageMedians(group));
  }

  /** Median of each engine stage over the queries that reported it, in first-seen order. */
  private static java.util.Map<String, Double> stageMedians(List<QueryOutcome> group) {
    java.util.Map<String, java.util.List<Double>> byStage = new java.util.LinkedHashMap<>();
    for (QueryOutcome o : group) {
      o.stagesMs().forEach((stage, ms) ->
          byStage.computeIfAbsent(stage, k -> new java.util.ArrayList<>()).add(ms));
    }
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    byStage.forEach((stage, values) -> out.put(stage, Rounding.round(
        Percentiles.percentiles(values.stream().mapToDouble(Double::doubleValue).toArray(), 50)[0],
        Rounding.TIME_DECIMALS)));
    return out;
  }

  private static double metric(ScoreAverages avg, Metric m) {
    // always defined: every evaluated query has the quality metrics
    return Rounding.round(avg.mean(m).orElseThrow(), Rounding.METRIC_DECIMALS);
  }

  private static Double optional(ScoreAverages avg, Metric m, Set<Metric> metrics) {
    if (!metrics.contains(m)) {
      return null;
    }
    OptionalDouble v = avg.mean(m);
    return v.isPresent() ? Rounding.round(v.getAsDouble(), Rounding.METRIC_DECIMALS) : null;
  }
}
