/**
 * Searching: the request and response values; the legs (BM25, vector); the fast path ({@link
 * io.quarry.core.search.SearchPipeline}: legs in parallel, fused), the deep path ({@link
 * io.quarry.core.search.DeepSearch}: a deadline-bounded DAG of variant legs, a second hop, fusion
 * and reranking), and {@link io.quarry.core.search.SearchService}, which routes fast, deep and
 * auto.
 */
package io.quarry.core.search;
