/**
 * Quarry's knowledge graph, built as documents arrive and searched as a retrieval leg.
 *
 * <ul>
 *   <li>{@link io.quarry.graph.model}: the values: entity keys, what was extracted from a
 *       document, the neighbourhood a query searches, counts;
 *   <li>{@link io.quarry.graph.extract}: extraction without an LLM (OpenNLP) and with one
 *       (Ollama), with a fallback;
 *   <li>{@link io.quarry.graph.store}: the stores, embedded (the default) and FalkorDB, behind one
 *       contract;
 *   <li>{@link io.quarry.graph.retrieve}: the graph leg: link the query to entities, personalized
 *       PageRank over the neighbourhood, passages by their mass.
 * </ul>
 *
 * <p>search-core knows none of this: the graph plugs in through {@link
 * io.quarry.core.spi.DocumentRetriever} (search) and {@link io.quarry.graph.GraphIndexer} (ingest).
 */
package io.quarry.graph;
