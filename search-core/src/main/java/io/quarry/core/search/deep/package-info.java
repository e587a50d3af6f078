/**
 * The deep path, {@link io.quarry.core.search.deep.DeepSearch}: a deadline-bounded DAG ({@link
 * io.quarry.core.search.deep.DeepPlan}) of legs over query variants, a second hop and extra legs,
 * the final fusion, and the cross-encoder rerank stage; {@link
 * io.quarry.core.search.deep.DeepSettings} is its configuration.
 */
package io.quarry.core.search.deep;
