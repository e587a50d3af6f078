package io.quarry.graph.retrieve;

import io.quarry.core.spi.DocumentRetriever;
import io.quarry.graph.model.LinkedEntity;
import io.quarry.graph.model.PassageFacts;
import io.quarry.graph.model.Subgraph;
import io.quarry.graph.store.GraphStore;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph leg, HippoRAG 2's retrieval without its LLM:
 *
 * <ol>
 *   <li><b>Gate</b> (before anything is embedded or searched): an empty graph, a graph smaller
 *       than {@code graph.min_passages}, or (in {@code auto}) a query that names no entity of the
 *       graph, or none that is a document's title, closes it.
 *   <li><b>Link</b> the query to entities ({@link EntityLinker}).
 *   <li><b>Seed</b> each linked entity by its specificity (1 / the passages that mention it), and
 *       each passage of the first hop's best documents by {@code passage_seed_weight} times its
 *       normalized score, scaled to the entities' total.
 *   <li><b>Walk</b>: personalized PageRank (damping 0.5) over the neighbourhood the store pulls
 *       around the seeds.
 *   <li><b>Rank</b> documents by their best passage's mass; explain with the linked entities and,
 *       for the best documents, a shortest path from a linked entity.
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class GraphRetriever implements DocumentRetriever, io.quarry.core.spi.RouteHint {

  /** {@code mode=auto} sends a question deep when it names at least this many documents' subjects. */
  static final int ROUTE_ENTITIES = 2;

  public static final String NAME = "graph";
  private static final int ITERATIONS = 30;
  private static final int EXPLAINED = 5;

  private final GraphStore store;
  private final EntityLinker linker;
  private final GraphSearchSettings settings;

  public GraphRetriever(GraphStore store, EntityLinker linker, GraphSearchSettings settings) {
    this.store = store;
    this.linker = linker;
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsQueryVector() {
    return false;
  }

  @Override
  public boolean needsSeeds() {
    return true;
  }

  @Override
  public Gate gate(String text) {
    try {
      long passages = store.passageCount();
      if (passages == 0) {
        return Gate.skip("the graph is empty");
      }
      if (settings.always()) {
        return Gate.OPEN;
      }
      if (passages < settings.minPassages()) {
        return Gate.skip("the graph has " + passages + " passages, under graph.min_passages="
            + settings.minPassages());
      }
      List<LinkedEntity> linked = linker.link(text, store);
      if (linked.isEmpty()) {
        return Gate.skip("the query names no entity of the graph");
      }
      // The walk pays where documents name each other's subjects: a question that names a
      // document's subject (its title) starts from one. A question naming only phrases (most
      // scientific claims) is answered as well without it (SciFact nDCG@10 0.766 without, 0.751
      // with the leg on every linked claim).
      if (linked.stream().noneMatch(settings.gateOn()::opens)) {
        return Gate.skip(settings.gateOn() == GraphSearchSettings.GateOn.TITLE
            ? "the query names no document's subject (no linked entity is a title)"
            : "the query names no title or proper name of the graph");
      }
      return Gate.OPEN;
    } catch (IOException | RuntimeException e) {
      return Gate.unavailable("the " + store.kind() + " graph store failed: " + e.getMessage());
    }
  }

  /**
   * A question that names two or more documents' subjects (titles) in a graph big enough to help
   * is one the walk between them can answer: {@code mode=auto} sends it deep, and says so.
   */
  @Override
  public String deepReason(String text) {
    try {
      if (store.passageCount() < Math.max(1, settings.minPassages())) {
        return null;
      }
      List<LinkedEntity> linked = linker.link(text, store).stream().filter(LinkedEntity::isTitle).toList();
      if (linked.size() < ROUTE_ENTITIES) {
        return null;
      }
      return "names " + linked.size() + " entities of the knowledge graph that documents are about ("
          + String.join(", ", linked.stream().limit(3).map(LinkedEntity::name).toList())
          + (linked.size() > 3 ? ", ..." : "") + "): the graph leg can connect them";
    } catch (IOException | RuntimeException e) {
      return null; // no opinion from a store that does not answer
    }
  }

  @Override
  public Result retrieve(Query query) throws IOException {
    List<LinkedEntity> linked = linker.link(query.text(), store);
    List<Scored> firstHop = query.seeds().subList(0, Math.min(settings.seedDocuments(), query.seeds().size()));
    List<String> docs = firstHop.stream().map(Scored::id).toList();
    Subgraph g = store.neighbourhood(linked.stream().map(LinkedEntity::key).toList(), docs,
        settings.hops(), settings.maxNodes(), settings.maxDegree());
    if (query.cancelled().getAsBoolean()) {
      throw new java.util.concurrent.CancellationException("graph leg cancelled");
    }
    double[] seeds = seeds(g, linked, firstHop, settings.passageSeedWeight());
    double[] rank = PersonalizedPageRank.run(g, seeds, settings.damping(), ITERATIONS, query.cancelled());
    Map<String, Double> byDoc = new HashMap<>();
    Map<String, Integer> bestPassage = new HashMap<>();
    for (int n = 0; n < g.size(); n++) {
      if (g.isPassage(n) && rank[n] > 0) {
        String doc = PassageFacts.documentOf(g.id(n));
        if (rank[n] > byDoc.getOrDefault(doc, 0.0)) {
          byDoc.put(doc, rank[n]);
          bestPassage.put(doc, n);
        }
      }
    }
    List<Scored> ranked = new ArrayList<>();
    byDoc.forEach((d, s) -> ranked.add(new Scored(d, s)));
    ranked.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.id().compareTo(b.id()));
    List<Scored> top = ranked.subList(0, Math.min(query.maxResults(), ranked.size()));
    return new Result(top, explain(g, linked, top, bestPassage));
  }

  /**
   * PageRank's reset vector: entities by specificity; first-hop passages by normalized score,
   * scaled to the entities' total times {@code passageSeedWeight}. Public for the PageRank
   * benchmark, which seeds exactly as retrieval does.
   */
  public static double[] seeds(Subgraph g, List<LinkedEntity> linked, List<Scored> firstHop,
      double passageSeedWeight) {
    double[] seeds = new double[g.size()];
    double entityMass = 0;
    for (LinkedEntity e : linked) {
      int n = g.node(e.key());
      if (n >= 0) {
        seeds[n] += 1.0 / Math.max(1, e.passages());
        entityMass += 1.0 / Math.max(1, e.passages());
      }
    }
    double max = firstHop.stream().mapToDouble(Scored::score).max().orElse(0);
    double min = firstHop.stream().mapToDouble(Scored::score).min().orElse(0);
    // with no linked entity the passages are the only seeds: their scale does not matter
    double scale = entityMass > 0 ? entityMass * passageSeedWeight : 1.0;
    Map<String, Double> byDoc = new HashMap<>();
    for (Scored s : firstHop) {
      double norm = max > min ? (s.score() - min) / (max - min) : 1.0;
      byDoc.merge(s.id(), scale * Math.max(norm, 0.01), Double::sum);
    }
    // every passage of a seed document is a seed (passage ids are documentId#ordinal)
    for (int n = 0; n < g.size(); n++) {
      if (g.isPassage(n)) {
        seeds[n] += byDoc.getOrDefault(PassageFacts.documentOf(g.id(n)), 0.0);
      }
    }
    return seeds;
  }

  private static Map<String, Object> explain(Subgraph g, List<LinkedEntity> linked, List<Scored> top,
      Map<String, Integer> bestPassage) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> entities = new ArrayList<>();
    for (LinkedEntity e : linked) {
      entities.add(Map.of("key", e.key(), "name", e.name(), "passages", e.passages()));
    }
    out.put("linked_entities", entities);
    out.put("neighbourhood", Map.of("nodes", g.size(), "edges", g.edges()));
    // one shortest path from any linked entity to each of the best documents' passages
    int[] parent = new int[g.size()];
    Arrays.fill(parent, -2);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (LinkedEntity e : linked) {
      int n = g.node(e.key());
      if (n >= 0 && parent[n] == -2) {
        parent[n] = -1;
        queue.add(n);
      }
    }
    while (!queue.isEmpty()) {
      int n = queue.poll();
      for (int e = g.start(n); e < g.end(n); e++) {
        int t = g.target(e);
        if (parent[t] == -2) {
          parent[t] = n;
          queue.add(t);
        }
      }
    }
    Map<String, List<String>> paths = new LinkedHashMap<>();
    for (Scored s : top.subList(0, Math.min(EXPLAINED, top.size()))) {
      Integer p = bestPassage.get(s.id());
      if (p == null || parent[p] == -2) {
        continue;
      }
      List<String> path = new ArrayList<>();
      for (int n = p; n >= 0; n = parent[n]) {
        path.add(0, g.id(n));
      }
      paths.put(s.id(), path);
    }
    out.put("paths", paths);
    return out;
  }
}
