/**
 * The graph leg: {@link io.quarry.graph.retrieve.EntityLinker} links a query to entities, {@link
 * io.quarry.graph.retrieve.PersonalizedPageRank} spreads from them and from the first hop's
 * documents over the neighbourhood the store pulls, and {@link
 * io.quarry.graph.retrieve.GraphRetriever} ranks documents by their passages' mass.
 */
package io.quarry.graph.retrieve;
