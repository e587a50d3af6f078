package io.quarry.graph.store;

import static io.quarry.graph.store.FalkorCypher.params;

import com.falkordb.Record;
import io.quarry.graph.model.EdgeWeights;
import io.quarry.graph.model.PassageFacts;
import io.quarry.graph.model.Subgraph;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The neighbourhood of a few seeds, pulled from FalkorDB one hop per query and assembled into a
 * {@link Subgraph} here (FalkorDB has no personalized PageRank; the retriever runs it over the
 * subgraph). Breadth first, a level at a time: the first query resolves the seeds and returns
 * their neighbours, each further query the next level's, and a last one the edges among the
 * nodes kept, so a neighbourhood of {@code hops} costs {@code max(hops, 1) + 1} round trips.
 *
 * <p>When a level does not fit in what is left of {@code maxNodes}, the nodes reached by the most
 * edges from the level before are kept first, then the lower ids, so the same graph gives the
 * same subgraph. An entity mentioned by more than {@code maxDegree} passages is not expanded
 * (the filter runs in the server, on the stored passage count).
 */
final class FalkorNeighbourhood {

  /** Runs one read-only query. */
  interface Reader {
    Iterable<Record> read(String what, String cypher, Map<String, Object> params) throws IOException;
  }

  // Each branch returns (depth, id, passage, n): n counts the edges that reached the node from
  // the level before; a later level's rows all say depth 1 (the caller knows which it asked for).
  // The far ends are unlabelled (MENTIONS only go from passages to entities, RELATED and SYNONYM
  // only between entities): the label check costs FalkorDB a third of the query.
  private static final String SEEDS = """
      UNWIND $keys AS k MATCH (e:Entity {key: k}) RETURN 0 AS depth, e.key AS id, false AS passage, 1 AS n
      UNION ALL
      UNWIND $docs AS d MATCH (p:Passage {doc: d}) RETURN 0 AS depth, p.id AS id, true AS passage, 1 AS n""";

  private static final String FROM_ENTITIES = """
      UNWIND $keys AS k MATCH (e:Entity {key: k}) WHERE e.passages <= $maxDegree
      MATCH (e)<-[:MENTIONS]-(p) RETURN 1 AS depth, p.id AS id, true AS passage, count(*) AS n
      UNION ALL
      UNWIND $keys AS k MATCH (e:Entity {key: k}) WHERE e.passages <= $maxDegree
      MATCH (e)-[:RELATED|SYNONYM]-(o) RETURN 1 AS depth, o.key AS id, false AS passage, count(*) AS n""";

  private static final String FROM_PASSAGES = """
      UNWIND $passages AS i MATCH (p:Passage {id: i})-[:MENTIONS]->(e)
      RETURN 1 AS depth, e.key AS id, false AS passage, count(*) AS n""";

  private static final String FROM_DOCUMENTS = """
      UNWIND $docs AS d MATCH (p:Passage {doc: d})-[:MENTIONS]->(e)
      RETURN 1 AS depth, e.key AS id, false AS passage, count(*) AS n""";

  private static final String UNION = "\nUNION ALL\n";

  // Relations summed over both directions and every type: one RELATED edge per evidence passage.
  // The far end is filtered by "IN $keys" only where the planner cannot turn that list into an
  // index scan of Entity.key: on an unlabelled node, or after a WITH. With a labelled far end,
  // FalkorDB 4.16.3 scans the index for every key of the list on every row (150 ms instead of
  // 2 ms for 250 passages and 56 entities).
  private static final String EDGES = """
      UNWIND $passages AS i MATCH (p:Passage {id: i})-[m:MENTIONS]->(e) WHERE e.key IN $keys
      RETURN 'm' AS kind, p.id AS a, e.key AS b, CASE WHEN m.own = 'own' THEN 2 ELSE 1 END AS n
      UNION ALL
      UNWIND $keys AS k MATCH (a:Entity {key: k}) WITH a MATCH (a)-[r:RELATED]->(b)
      WITH a, b, r WHERE b.key IN $keys
      RETURN 'r' AS kind, a.key AS a, b.key AS b, count(r) AS n
      UNION ALL
      UNWIND $keys AS k MATCH (a:Entity {key: k}) WITH a MATCH (a)-[:SYNONYM]->(b)
      WITH a, b WHERE b.key IN $keys
      RETURN 's' AS kind, a.key AS a, b.key AS b, 1 AS n""";

  private final Reader reader;

  FalkorNeighbourhood(Reader reader) {
    this.reader = reader;
  }

  Subgraph pull(Collection<String> entityKeys, Collection<String> documentIds, int hops, int maxNodes,
      int maxDegree) throws IOException {
    if (hops < 0 || maxNodes < 0 || maxDegree < 0) {
      throw new IllegalArgumentException("illegal neighbourhood: hops " + hops + ", maxNodes " + maxNodes
          + ", maxDegree " + maxDegree + ", each must be >= 0");
    }
    List<String> keys = List.copyOf(new LinkedHashSet<>(entityKeys));
    List<String> docs = List.copyOf(new LinkedHashSet<>(documentIds));
    if (maxNodes == 0 || (keys.isEmpty() && docs.isEmpty())) {
      return Subgraph.EMPTY;
    }
    Subgraph.Builder b = Subgraph.builder();
    Set<String> entities = new LinkedHashSet<>();
    Set<String> passages = new LinkedHashSet<>();

    // depth 0, and depth 1 in the same round trip when there is a hop to make
    String cypher = hops == 0 ? SEEDS : SEEDS + UNION + FROM_ENTITIES + UNION + FROM_DOCUMENTS;
    Level seeds = new Level();
    Level next = new Level();
    for (Record r : reader.read("neighbourhood seeds", cypher,
        params("keys", keys, "docs", docs, "maxDegree", maxDegree))) {
      long depth = r.getValue(0);
      (depth == 0 ? seeds : next).add(r.getString(1), r.getValue(2), r.getValue(3));
    }
    // the seeds in the caller's order: entities first, then each document's passages by ordinal
    List<String> seedIds = new ArrayList<>();
    keys.stream().filter(seeds.edges::containsKey).forEach(seedIds::add);
    for (String d : docs) {
      seeds.edges.keySet().stream().filter(id -> seeds.passage.get(id) && PassageFacts.documentOf(id).equals(d))
          .sorted(Comparator.comparingInt(FalkorNeighbourhood::ordinalOf)).forEach(seedIds::add);
    }
    List<String> level = keep(seedIds, seeds, b, entities, passages, maxNodes);
    for (int depth = 1; depth <= hops && b.size() < maxNodes && !level.isEmpty(); depth++) {
      if (depth > 1) {
        next = expand(level, passages, maxDegree);
      }
      next.edges.keySet().removeIf(id -> b.find(id) >= 0);
      List<String> found = new ArrayList<>(next.edges.keySet());
      Level l = next;
      found.sort(Comparator.comparingInt((String id) -> -l.edges.get(id)).thenComparing(Comparator.naturalOrder()));
      level = keep(found, next, b, entities, passages, maxNodes);
    }
    edges(b, entities, passages);
    return b.build();
  }

  /** Nodes reached at one depth: per id, how many edges reached it and whether it is a passage. */
  private static final class Level {
    final Map<String, Integer> edges = new HashMap<>();
    final Map<String, Boolean> passage = new HashMap<>();

    void add(String id, boolean isPassage, long n) {
      edges.merge(id, (int) n, Integer::sum);
      passage.put(id, isPassage);
    }
  }

  private static List<String> keep(List<String> ids, Level level, Subgraph.Builder b, Set<String> entities,
      Set<String> passages, int maxNodes) {
    List<String> kept = new ArrayList<>();
    for (String id : ids) {
      if (b.size() >= maxNodes) {
        break;
      }
      if (b.find(id) < 0) {
        boolean p = level.passage.get(id);
        b.node(id, p);
        (p ? passages : entities).add(id);
        kept.add(id);
      }
    }
    return kept;
  }

  private Level expand(List<String> frontier, Set<String> passages, int maxDegree) throws IOException {
    List<String> keys = new ArrayList<>();
    List<String> ps = new ArrayList<>();
    for (String id : frontier) {
      (passages.contains(id) ? ps : keys).add(id);
    }
    Level out = new Level();
    String cypher = keys.isEmpty() ? FROM_PASSAGES
        : ps.isEmpty() ? FROM_ENTITIES : FROM_ENTITIES + UNION + FROM_PASSAGES;
    for (Record r : reader.read("neighbourhood hop", cypher,
        params("keys", keys, "passages", ps, "maxDegree", maxDegree))) {
      out.add(r.getString(1), r.getValue(2), r.getValue(3));
    }
    return out;
  }

  private void edges(Subgraph.Builder b, Set<String> entities, Set<String> passages) throws IOException {
    if (entities.isEmpty()) {
      return; // every edge has an entity end
    }
    for (Record r : reader.read("neighbourhood edges", EDGES,
        params("keys", List.copyOf(entities), "passages", List.copyOf(passages)))) {
      String kind = r.getString(0);
      int x = b.find(r.getString(1));
      int y = b.find(r.getString(2));
      long n = r.getValue(3);
      if (x < 0 || y < 0) {
        continue;
      }
      double w = switch (kind) {
        case "m" -> n == 2 ? EdgeWeights.OWN_TITLE : EdgeWeights.MENTION; // 2: the passage's own title
        case "r" -> EdgeWeights.RELATION * n;
        default -> EdgeWeights.SYNONYM;
      };
      b.edge(x, y, w);
    }
  }

  private static int ordinalOf(String passageId) {
    return Integer.parseInt(passageId.substring(passageId.lastIndexOf('#') + 1));
  }
}
