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
 */
public record GraphSearchSettings(boolean always, int minPassages, int seedDocuments,
    double passageSeedWeight, int hops, int maxNodes, int maxDegree, double damping) {

  public static final GraphSearchSettings DEFAULT =
      new GraphSearchSettings(false, 50, 10, 0.05, 3, 5000, 200, 0.5);

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
