/**
 * The values every search path shares: the request ({@link io.quarry.core.search.SearchRequest}
 * with its {@link io.quarry.core.search.Filters} and {@link io.quarry.core.search.DeepOptions}),
 * the response ({@link io.quarry.core.search.SearchResponse}, its {@link
 * io.quarry.core.search.Hit}s, the {@link io.quarry.core.search.DroppedLeg}s and their freshness
 * report), and the configuration both paths read ({@link io.quarry.core.search.SearchSettings}).
 *
 * <p>The paths live in sub-packages, each importing this one and never the other way round:
 * {@code leg} (what a leg is, BM25, vector, hydration), {@code freshness} (the temporal plan and
 * the strategies), {@code fast}, {@code deep}, and {@code service} (the entry point that routes
 * fast, deep and auto).
 */
package io.quarry.core.search;
