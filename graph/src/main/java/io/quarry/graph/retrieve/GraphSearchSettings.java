package io.quarry.graph.retrieve;

/**
 * How the graph leg searches ({@code graph.*} keys).
 *
 * @param always true for {@code graph.enabled=on}: run whenever the graph is not empty, even for a
 *     query that links to no entity (seeded by the first hop alone); false for {@code auto}: run
 *     only when the graph has at least {@code minPassages} passages and the query links to an
 *     entity
 * @param minPassages {@code graph.min_passages}: below this the graph is too small to help
 * @param seedDocuments {@code graph.seed_documents}: how many first-hop documents seed the walk
 * @param passageSeedWeight {@code graph.passage_seed_weight}: a seed document's reset weight
 *     relative to the linked entities' (HippoRAG 2: 0.05 times its normalized dense score)
 * @param hops {@code graph.hops}: the neighbourhood's radius (3 reaches entity, passage, bridge
 *     entity, bridge passage)
 * @param maxNodes {@code graph.max_nodes}: the neighbourhood's size cap
 * @param maxDegree {@code graph.max_degree}: an entity in more passages is not expanded
 * @param damping {@code graph.damping}: PageRank's probability of following an edge (HippoRAG: 0.5)
 * @param gateOn {@code graph.gate}: which linked entities open {@code auto}'s gate
 */
public record GraphSearchSettings(boolean always, int minPassages, int seedDocuments,
    double passageSeedWeight, int hops, int maxNodes, int maxDegree, double damping, GateOn gateOn) {

  public static final GraphSearchSettings DEFAULT =
      new GraphSearchSettings(false, 50, 10, 0.05, 3, 5000, 200, 0.5, GateOn.TITLE);

  /** What a query must name for {@code auto} to run the leg. */
  public enum GateOn {
    /** a document's subject (a title entity): the default */
    TITLE,
    /** a title or a proper-noun entity */
    NAMED,
    /** any entity, common-noun phrases included */
    ANY;

    public static GateOn parse(String s) {
      for (GateOn g : values()) {
        if (g.name().equalsIgnoreCase(s.strip())) {
          return g;
        }
      }
      throw new IllegalArgumentException("illegal graph.gate: '" + s + "', must be one of title, named, any");
    }

    /** Whether {@code e} opens the gate. */
    public boolean opens(io.quarry.graph.model.LinkedEntity e) {
      return switch (this) {
        case TITLE -> e.isTitle();
        case NAMED -> e.isTitle() || io.quarry.graph.model.Mention.PROPER.equals(e.type());
        case ANY -> true;
      };
    }
  }

  /** The settings before {@code graph.gate} existed: auto gated on titles. */
  public GraphSearchSettings(boolean always, int minPassages, int seedDocuments,
      double passageSeedWeight, int hops, int maxNodes, int maxDegree, double damping) {
    this(always, minPassages, seedDocuments, passageSeedWeight, hops, maxNodes, maxDegree, damping, GateOn.TITLE);
  }

  public GraphSearchSettings {
    positive("graph.min_passages", minPassages, 0);
    positive("graph.seed_documents", seedDocuments, 0);
    positive("graph.hops", hops, 1);
    positive("graph.max_nodes", maxNodes, 1);
    positive("graph.max_degree", maxDegree, 1);
    if (!(passageSeedWeight >= 0)) {
      throw new IllegalArgumentException("illegal graph.passage_seed_weight: " + passageSeedWeight + ", must be >= 0");
    }
    if (!(damping > 0 && damping < 1)) {
      throw new IllegalArgumentException("illegal graph.damping: " + damping + ", must be in (0, 1)");
    }
  }

  private static void positive(String key, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException("illegal " + key + ": " + v + ", must be >= " + min);
    }
  }
}
