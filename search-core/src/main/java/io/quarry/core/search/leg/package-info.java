/**
 * Retrieval legs: the {@link io.quarry.core.search.leg.RetrievalLeg} contract and the {@link
 * io.quarry.core.search.leg.LegInput} a leg gets, the built-in {@link
 * io.quarry.core.search.leg.Bm25Leg} and {@link io.quarry.core.search.leg.VectorLeg}, the Lucene
 * filters every leg applies ({@link io.quarry.core.search.leg.FilterQueries}), and turning fused
 * candidates into hits ({@link io.quarry.core.search.leg.Hydrator}, with per-document passage
 * selection).
 */
package io.quarry.core.search.leg;
