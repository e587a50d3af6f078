package io.quarry.graph.model;

/**
 * The weights every store gives the edges of a {@link Subgraph}, in one place so the embedded
 * store and FalkorDB pull the same neighbourhood for the same graph.
 */
public final class EdgeWeights {

  private EdgeWeights() {}

  /** A passage and an entity it names (HippoRAG's context edge). */
  public static final double MENTION = 1.0;

  /** Two entities related by one passage; a relation stated by several passages sums them. */
  public static final double RELATION = 1.0;

  /** Two near-identical entity names. */
  public static final double SYNONYM = 1.0;
}
