package io.quarry.graph.model;

import java.time.Instant;

/**
 * How big the graph is.
 *
 * @param documents documents extracted
 * @param passages passage nodes
 * @param entities entity nodes (each mentioned by at least one passage)
 * @param mentions passage-to-entity edges
 * @param relations distinct entity-to-entity relations (co-occurrence and typed)
 * @param synonyms synonym edges between near-identical entity names
 * @param lastExtraction when the last document was put or deleted, or null when never
 */
public record GraphStats(long documents, long passages, long entities, long mentions, long relations,
    long synonyms, Instant lastExtraction) {

  public static final GraphStats EMPTY = new GraphStats(0, 0, 0, 0, 0, 0, null);

  /** Nodes: entities and passages. */
  public long nodes() {
    return entities + passages;
  }

  /** Edges: mentions, relations and synonyms. */
  public long edges() {
    return mentions + relations + synonyms;
  }
}
