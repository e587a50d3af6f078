package io.quarry.graph.model;

/**
 * The weights every store gives the edges of a {@link Subgraph}, in one place so the embedded
 * store and FalkorDB pull the same neighbourhood for the same graph.
 */
public final class EdgeWeights {

  private EdgeWeights() {}

  /** A passage and an entity it names (HippoRAG's context edge). */
  public static final double MENTION = 1.0;

  /**
   * A passage and its own document's title: the walk from a named title goes mostly to the
   * document about it rather than to those that merely mention it (measured on the shared
   * multi-hop sets: the graph leg alone R@5 0.71 to 0.77 on HotpotQA, 0.55 to 0.58 on MuSiQue
   * against 1.0; 6.0 helped HotpotQA a little more and MuSiQue less).
   */
  public static final double OWN_TITLE = 3.0;

  /**
   * The weight of the mention of {@code entityKey} by a passage of the document whose title has
   * the key {@code titleKey} ({@link EntityKeys#of} of it, computed once per document).
   */
  public static double mention(String entityKey, String titleKey) {
    return !titleKey.isEmpty() && entityKey.equals(titleKey) ? OWN_TITLE : MENTION;
  }

  /** Two entities related by one passage; a relation stated by several passages sums them. */
  public static final double RELATION = 1.0;

  /** Two near-identical entity names. */
  public static final double SYNONYM = 1.0;
}
