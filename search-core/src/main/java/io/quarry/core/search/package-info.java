/**
 * Searching: the request and response values; the legs (BM25, vector); the fast path ({@link
 * io.quarry.core.search.SearchPipeline}: legs in parallel, fused), the deep path ({@link
 * io.quarry.core.search.DeepSearch}: a deadline-bounded DAG of variant legs, a second hop, fusion
 * and reranking), and {@link io.quarry.core.search.SearchService}, which routes fast, deep and
 * auto.
 *
 * <p>Time: before any leg runs, {@link io.quarry.core.search.TemporalPlanner} gives each request
 * a {@link io.quarry.core.search.TemporalPlan} (its as-of day, the text without its time
 * expressions, the range they name, whether the query is time-sensitive, and the {@link
 * io.quarry.core.search.FreshnessStrategy} that runs). Both paths follow it: {@link
 * io.quarry.core.search.RecencyWindow} narrows every leg, {@link
 * io.quarry.core.search.FreshnessLeg} is the recent pass fused beside the others (a node of the
 * deep DAG), and {@code RecencyDecay} reweighs the fused list.
 */
package io.quarry.core.search;
