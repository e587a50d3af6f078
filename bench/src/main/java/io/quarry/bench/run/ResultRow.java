package io.quarry.bench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One {@code results} entry of {@code run.json}: one set, category and mode.
 *
 * <p>{@code queries} counts the <em>evaluated</em> queries of the group (those with at least one
 * relevant document in the qrels); every quality metric is their mean (freshness metrics over
 * those of them where the metric is defined, see {@code io.quarry.core.eval.FreshnessMetrics}).
 * Latency percentiles and {@code partial_rate} are over <em>every</em> query of the group that
 * was run, evaluated or not, since each is a real request. The freshness fields are present only
 * for sets whose corpus has dates ({@code stale_answer@1} only when the set also has a
 * {@code stale_answer_docs.tsv}). {@code stages_p50_ms} (an addition to BENCHMARK.md's fields)
 * is the median of each engine stage, e.g. how a fast query's time splits between the query
 * embedding and Lucene; absent when the backend reports no stages.
 *
 * <p>A peer's row ({@code mode} {@code peer:leg}, e.g. {@code anserini:bm25}) carries the same
 * metrics, {@code vs} (the Quarry mode it ran beside) and {@code p50_ratio}: its P50 over that
 * Quarry row's P50, measured in the same run (below 1: the peer is faster).
 */
@JsonPropertyOrder({"set", "category", "mode", "queries", "ndcg@10", "recall@2", "recall@5",
    "recall@10", "recall@100", "mrr@10", "fresh@10", "future_leak@10", "stale_answer@1", "p50_ms",
    "p95_ms", "p99_ms", "partial_rate", "vs", "p50_ratio", "stages_p50_ms"})
public record ResultRow(
    @JsonProperty("set") String set,
    @JsonProperty("category") String category,
    @JsonProperty("mode") String mode,
    @JsonProperty("queries") int queries,
    @JsonProperty("ndcg@10") double ndcg10,
    @JsonProperty("recall@2") double recall2,
    @JsonProperty("recall@5") double recall5,
    @JsonProperty("recall@10") double recall10,
    @JsonProperty("recall@100") double recall100,
    @JsonProperty("mrr@10") double mrr10,
    @JsonProperty("fresh@10") @JsonInclude(JsonInclude.Include.NON_NULL) Double fresh10,
    @JsonProperty("future_leak@10") @JsonInclude(JsonInclude.Include.NON_NULL) Double futureLeak10,
    @JsonProperty("stale_answer@1") @JsonInclude(JsonInclude.Include.NON_NULL) Double staleAnswer1,
    @JsonProperty("p50_ms") double p50Ms,
    @JsonProperty("p95_ms") double p95Ms,
    @JsonProperty("p99_ms") double p99Ms,
    @JsonProperty("partial_rate") double partialRate,
    @JsonProperty("stages_p50_ms") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        java.util.Map<String, Double> stagesP50Ms,
    @JsonProperty("vs") @JsonInclude(JsonInclude.Include.NON_NULL) String vs,
    @JsonProperty("p50_ratio") @JsonInclude(JsonInclude.Include.NON_NULL) Double p50Ratio) {

  /** A Quarry row (no peer fields). */
  public ResultRow(String set, String category, String mode, int queries, double ndcg10,
      double recall2, double recall5, double recall10, double recall100, double mrr10,
      Double fresh10, Double futureLeak10, Double staleAnswer1, double p50Ms, double p95Ms,
      double p99Ms, double partialRate, java.util.Map<String, Double> stagesP50Ms) {
    this(set, category, mode, queries, ndcg10, recall2, recall5, recall10, recall100, mrr10,
        fresh10, futureLeak10, staleAnswer1, p50Ms, p95Ms, p99Ms, partialRate, stagesP50Ms, null,
        null);
  }

  /** This row as a peer's, beside Quarry's {@code quarry} row. */
  public ResultRow versus(ResultRow quarry) {
    Double ratio = quarry.p50Ms() > 0
        ? Rounding.round(p50Ms / quarry.p50Ms(), Rounding.METRIC_DECIMALS) : null;
    return new ResultRow(set, category, mode, queries, ndcg10, recall2, recall5, recall10,
        recall100, mrr10, fresh10, futureLeak10, staleAnswer1, p50Ms, p95Ms, p99Ms, partialRate,
        stagesP50Ms, quarry.mode(), ratio);
  }

  /** True for a peer's row. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isPeer() {
    return mode.contains(":");
  }

  public ResultRow {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(mode, "mode");
    if (queries < 0) {
      throw new IllegalArgumentException("illegal queries: " + queries + ", must be >= 0");
    }
  }

  /** The key {@code compare} and {@code report} match rows by: set, category and mode. */
  public String key() {
    return set + " / " + category + " / " + mode;
  }
}
