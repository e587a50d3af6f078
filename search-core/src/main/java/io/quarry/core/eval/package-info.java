/**
 * Retrieval evaluation as pure functions: relevance judgments ({@link io.quarry.core.eval.Qrels}),
 * per-query ranking metrics ({@link io.quarry.core.eval.RankingMetrics}, nDCG exactly as
 * trec_eval's {@code ndcg_cut}), freshness metrics ({@link io.quarry.core.eval.FreshnessMetrics}),
 * the per-query evaluator that combines them ({@link io.quarry.core.eval.QueryEvaluator}), the
 * average over queries ({@link io.quarry.core.eval.ScoreAverages}) and latency percentiles
 * ({@link io.quarry.core.eval.Percentiles}).
 *
 * <p>Shared rules, stated once here and repeated where a reader would doubt them:
 *
 * <ul>
 *   <li>A ranking is a list of document ids, best first. A document id that occurs again later in
 *       the same ranking is ignored (only its first, best rank counts), as a document can be
 *       retrieved only once; trec_eval itself refuses runs with duplicates.
 *   <li>A ranking shorter than the cutoff {@code k} is evaluated as it is: missing ranks gain
 *       nothing (trec_eval does the same).
 *   <li>Relevant means grade &gt; 0. A query with no relevant document has no defined recall or
 *       nDCG; it is skipped by the evaluator and counted, never averaged in as 0 or 1.
 * </ul>
 *
 * <p>Plain Java only (no Lucene needed); every class is immutable or a static utility, and safe
 * to use from several threads.
 */
package io.quarry.core.eval;
