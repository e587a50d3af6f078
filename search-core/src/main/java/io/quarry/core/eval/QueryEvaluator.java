package io.quarry.core.eval;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates one query's ranking against the judgments of a set: every metric of {@link Metric}
 * that applies.
 *
 * <p>Steps per query:
 *
 * <ol>
 *   <li>A query with no relevant document in the qrels is not evaluated ({@link Optional#empty()});
 *       the caller counts it as skipped.
 *   <li>Quality metrics: nDCG@10 (trec_eval {@code ndcg_cut.10}), recall@2/5/10/100, MRR@10, over
 *       the ranking with later duplicates removed.
 *   <li>When the evaluator was given publish dates (a dated corpus) and the query has a reference
 *       date: {@code fresh@10} and {@code future_leak@10}; when it was also given stale answer
 *       documents: {@code stale_answer@1}. Each is left out where {@link FreshnessMetrics} calls
 *       it undefined.
 * </ol>
 *
 * <p>Immutable and thread-safe; the maps passed in must not change afterwards.
 */
public final class QueryEvaluator {

  private final Qrels qrels;
  private final Map<String, LocalDate> dates;
  private final Map<String, Set<String>> staleAnswers;

  /**
   * @param qrels the set's judgments
   * @param dates publish day per dated document id, or null for an undated corpus (no freshness
   *     metrics at all)
   * @param staleAnswers query id to its stale answer document ids, or null when the set has none
   *     (no {@code stale_answer@1}); ignored when {@code dates} is null
   */
  public QueryEvaluator(Qrels qrels, Map<String, LocalDate> dates,
      Map<String, Set<String>> staleAnswers) {
    this.qrels = Objects.requireNonNull(qrels, "qrels");
    this.dates = dates;
    this.staleAnswers = dates == null ? null : staleAnswers;
  }

  /** The metrics this evaluator can report, in {@link Metric} order. */
  public Set<Metric> metrics() {
    Set<Metric> out = EnumSet.range(Metric.NDCG_10, Metric.MRR_10);
    if (dates != null) {
      out.add(Metric.FRESH_10);
      out.add(Metric.FUTURE_LEAK_10);
      if (staleAnswers != null) {
        out.add(Metric.STALE_ANSWER_1);
      }
    }
    return out;
  }

  /**
   * Evaluates one query.
   *
   * @param ranking document ids, best first (duplicates allowed; only the first counts)
   * @param referenceDate the query's as-of day, or else its quiz day; null when it has neither
   *     (then no freshness metric is defined for it)
   * @return the scores, or empty when the query has no relevant document
   */
  public Optional<QueryScores> evaluate(String queryId, List<String> ranking,
      LocalDate referenceDate) {
    Map<String, Integer> grades = qrels.grades(queryId);
    if (RankingMetrics.relevantCount(grades) == 0) {
      return Optional.empty();
    }
    List<String> docs = RankingMetrics.distinct(ranking);
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    values.put(Metric.NDCG_10, RankingMetrics.ndcg(docs, grades, 10));
    values.put(Metric.RECALL_2, RankingMetrics.recall(docs, grades, 2));
    values.put(Metric.RECALL_5, RankingMetrics.recall(docs, grades, 5));
    values.put(Metric.RECALL_10, RankingMetrics.recall(docs, grades, 10));
    values.put(Metric.RECALL_100, RankingMetrics.recall(docs, grades, 100));
    values.put(Metric.MRR_10, RankingMetrics.reciprocalRank(docs, grades, 10));
    if (dates != null && referenceDate != null) {
      FreshnessMetrics.fresh(docs, dates, referenceDate)
          .ifPresent(v -> values.put(Metric.FRESH_10, v));
      FreshnessMetrics.futureLeak(docs, dates, referenceDate)
          .ifPresent(v -> values.put(Metric.FUTURE_LEAK_10, v));
    }
    if (staleAnswers != null) {
      FreshnessMetrics.staleAnswer(docs, staleAnswers.getOrDefault(queryId, Set.of()))
          .ifPresent(v -> values.put(Metric.STALE_ANSWER_1, v));
    }
    return Optional.of(new QueryScores(queryId, values));
  }
}
