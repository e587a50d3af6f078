package io.quarry.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.graph.model.EdgeWeights;
import io.quarry.graph.model.EntityDetail;
import io.quarry.graph.model.EntityKeys;
import io.quarry.graph.model.EntitySummary;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.GraphStats;
import io.quarry.graph.model.LinkedEntity;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import io.quarry.graph.model.Subgraph;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link GraphStore} keeps, run by a subclass per store (as Lucene's
 * {@code BaseKnnVectorQueryTestCase} is for its k-NN queries), through the interface only:
 * counts, replacing and deleting documents (pruning what nothing mentions any more), linking,
 * synonyms, neighbourhoods (hops, node and degree limits, edge weights), entity search and
 * detail, names that need escaping, concurrent writers, reopening, and a randomized corpus checked
 * against a model of the graph written out here ({@link Model}).
 *
 * <p>The fixture ({@link #journal}, {@link #hall}, {@link #sepi}), as a graph:
 *
 * <pre>
 * d1#0: J S      J -published_by-&gt; S        d2#0: G C   G -founded-&gt; C, C -co_occurs- G
 * d1#1: J H      J -co_occurs- H            d2#1: G A   G -co_occurs- A
 * d3#0: S J      J -published_by-&gt; S        H ~synonym~ G ("stanley hall", "g stanley hall")
 * </pre>
 */
public abstract class GraphStoreContract {

  static final String J = "journal of psychotherapy integration";
  static final String S = "society for the exploration of psychotherapy integration";
  static final String H = "stanley hall";
  static final String G = "g stanley hall";
  static final String C = "clark university";
  static final String A = "american psychological association";

  static final LocalDate D1 = LocalDate.of(2020, 5, 1);
  static final LocalDate D2 = LocalDate.of(2021, 3, 15);

  @TempDir protected Path dir;
  private GraphStore store;

  /** A store over {@code dir}: empty the first time, what was committed there the next. */
  protected abstract GraphStore open(Path dir) throws Exception;

  /** Whether a committed graph survives {@link GraphStore#close()} and {@link #open} again. */
  protected boolean durable() {
    return true;
  }

  @BeforeEach
  void openStore() throws Exception {
    store = open(dir);
  }

  @AfterEach
  void closeStore() throws IOException {
    if (store != null) {
      store.close();
    }
  }

  protected GraphStore store() {
    return store;
  }

  // ---- fixture ----

  static Mention m(String key, String name, String type) {
    return new Mention(key, name, type);
  }

  static PassageFacts passage(int ordinal, List<Mention> mentions, Fact... facts) {
    return new PassageFacts(ordinal, mentions, List.of(facts));
  }

  static Extraction journal() {
    return new Extraction("d1", "h1", "Journal of Psychotherapy Integration", D1, "test", List.of(
        passage(0, List.of(m(J, "Journal of Psychotherapy Integration", Mention.TITLE),
            m(S, "Society for the Exploration of Psychotherapy Integration", Mention.PROPER)),
            new Fact(J, S, "published_by")),
        passage(1, List.of(m(J, "Journal of Psychotherapy Integration", Mention.TITLE),
            m(H, "Stanley Hall", Mention.PROPER)),
            new Fact(J, H, Fact.CO_OCCURS))));
  }

  static Extraction hall() {
    return new Extraction("d2", "h2", "G. Stanley Hall", D2, "test", List.of(
        passage(0, List.of(m(G, "G. Stanley Hall", Mention.TITLE), m(C, "Clark University", Mention.PROPER)),
            new Fact(G, C, "founded"), new Fact(C, G, Fact.CO_OCCURS)),
        passage(1, List.of(m(G, "G. Stanley Hall", Mention.TITLE),
            m(A, "American Psychological Association", Mention.PROPER)),
            new Fact(G, A, Fact.CO_OCCURS))));
  }

  /** Undated; names J and S in other words, and states J -published_by-> S a second time. */
  static Extraction sepi() {
    return new Extraction("d3", "h3", "SEPI", null, "test", List.of(
        passage(0, List.of(m(S, "SEPI", Mention.PROPER), m(J, "the Journal of Psychotherapy Integration",
            Mention.PROPER)), new Fact(J, S, "published_by"))));
  }

  protected void putFixture() throws IOException {
    store.put(journal());
    store.put(hall());
    store.put(sepi());
  }

  static String p(String doc, int ordinal) {
    return PassageFacts.passageId(doc, ordinal);
  }

  // ---- counts ----

  @Test
  void should_be_empty_when_new() throws IOException {
    assertEquals(GraphStats.EMPTY, store.stats());
    assertEquals(Map.of(), store.documents());
    assertEquals(Map.of(), store.link(List.of(J)));
    assertEquals(0, store.neighbourhood(List.of(J), List.of("d1"), 2, 100, 100).size());
    assertEquals(List.of(), store.searchEntities("a", 10));
    assertTrue(store.entity(J, 10).isEmpty());
  }

  @Test
  void should_count_documents_passages_entities_mentions_relations_and_synonyms() throws IOException {
    putFixture();
    GraphStats s = store.stats();
    assertEquals(3, s.documents());
    assertEquals(5, s.passages());
    assertEquals(5, store.passageCount());
    assertEquals(6, s.entities());
    assertEquals(10, s.mentions());
    // J-published_by->S (twice stated, once counted), J-H, G-founded->C, C-G co-occurring, G-A
    assertEquals(5, s.relations());
    assertEquals(1, s.synonyms());
    assertNotNull(s.lastExtraction());
    assertEquals(Map.of("d1", "h1", "d2", "h2", "d3", "h3"), store.documents());
  }

  @Test
  void should_count_a_co_occurrence_once_whichever_way_it_is_stated() throws IOException {
    store.put(new Extraction("x", "hx", "", null, "test", List.of(
        passage(0, List.of(m(C, "Clark University", Mention.PROPER), m(A, "APA", Mention.PROPER)),
            new Fact(C, A, Fact.CO_OCCURS)),
        passage(1, List.of(m(A, "APA", Mention.PROPER), m(C, "Clark University", Mention.PROPER)),
            new Fact(A, C, Fact.CO_OCCURS), new Fact(A, C, "hosted")))));
    assertEquals(2, store.stats().relations()); // co_occurs once, hosted once
    Subgraph g = store.neighbourhood(List.of(C), List.of(), 1, 100, 100);
    assertEquals(3 * EdgeWeights.RELATION, weight(g, C, A), 1e-6); // three evidence passages in all
  }

  @Test
  void should_replace_what_a_document_said_when_it_is_put_again() throws IOException {
    putFixture();
    store.put(new Extraction("d1", "h1b", "Journal of Psychotherapy Integration", D1, "test", List.of(
        passage(0, List.of(m(J, "Journal of Psychotherapy Integration", Mention.TITLE),
            m("carl rogers", "Carl Rogers", Mention.PROPER)), new Fact(J, "carl rogers", Fact.CO_OCCURS)))));
    GraphStats s = store.stats();
    assertEquals(3, s.documents());
    assertEquals(4, s.passages()); // d1#1 is gone
    assertEquals(6, s.entities()); // stanley hall pruned, carl rogers new
    assertEquals(8, s.mentions());
    assertEquals(5, s.relations()); // J-S still stated by d3#0; J-H gone; J-carl rogers new
    assertEquals(0, s.synonyms()); // went with stanley hall
    assertEquals("h1b", store.documents().get("d1"));
    Map<String, LinkedEntity> linked = store.link(List.of(J, S, H, "carl rogers"));
    assertEquals(Set.of(J, S, "carl rogers"), linked.keySet());
    assertEquals(2, linked.get(J).passages());
    assertEquals(1, linked.get(S).passages());
    Subgraph g = store.neighbourhood(List.of(J), List.of(), 1, 100, 100);
    assertEquals(EdgeWeights.RELATION, weight(g, J, S), 1e-6); // only d3#0's statement is left
    assertEquals(-1, g.node(p("d1", 1)));
  }

  @Test
  void should_delete_a_document_and_prune_what_only_it_mentioned() throws IOException {
    putFixture();
    assertTrue(store.delete("d1"));
    GraphStats s = store.stats();
    assertEquals(2, s.documents());
    assertEquals(3, s.passages());
    assertEquals(5, s.entities()); // stanley hall pruned; J and S stay (d3 names them)
    assertEquals(6, s.mentions());
    assertEquals(4, s.relations());
    assertEquals(0, s.synonyms());
    assertEquals(Set.of("d2", "d3"), store.documents().keySet());
    Map<String, LinkedEntity> linked = store.link(List.of(J, S, H));
    assertEquals(Set.of(J, S), linked.keySet());
    assertEquals(1, linked.get(J).passages());
    assertFalse(store.entity(G, 10).orElseThrow().entity().aliases().contains(H));
    assertEquals(-1, store.neighbourhood(List.of(J), List.of(), 2, 100, 100).node(p("d1", 0)));
    assertFalse(store.delete("d1"));
    assertFalse(store.delete("never"));
    assertEquals(s, store.stats());
  }

  @Test
  void should_empty_the_graph_when_every_document_is_deleted() throws IOException {
    putFixture();
    for (String d : List.of("d1", "d2", "d3")) {
      assertTrue(store.delete(d));
    }
    GraphStats s = store.stats();
    assertEquals(new GraphStats(0, 0, 0, 0, 0, 0, s.lastExtraction()), s);
    assertNotNull(s.lastExtraction());
    assertEquals(List.of(), store.searchEntities("", 10));
  }

  // ---- entities ----

  @Test
  void should_link_only_known_keys_with_their_passage_counts() throws IOException {
    putFixture();
    Map<String, LinkedEntity> linked = store.link(List.of(J, H, "unknown", G));
    assertEquals(Set.of(J, H, G), linked.keySet());
    assertEquals(new LinkedEntity(J, "Journal of Psychotherapy Integration", Mention.TITLE, 3), linked.get(J));
    assertEquals(new LinkedEntity(H, "Stanley Hall", Mention.PROPER, 1), linked.get(H));
    assertEquals(new LinkedEntity(G, "G. Stanley Hall", Mention.TITLE, 2), linked.get(G));
    assertEquals(Map.of(), store.link(List.of()));
  }

  @Test
  void should_name_an_entity_by_its_first_surface_form_until_a_title_arrives() throws IOException {
    store.put(new Extraction("a", "ha", "", null, "test", List.of(
        passage(0, List.of(m("beatles", "Beatles", Mention.PROPER))))));
    store.put(new Extraction("b", "hb", "", null, "test", List.of(
        passage(0, List.of(m("beatles", "beatles", Mention.NOUN))))));
    EntitySummary e = store.entity("beatles", 10).orElseThrow().entity();
    assertEquals("Beatles", e.name());
    assertEquals(List.of("beatles"), e.aliases());
    store.put(new Extraction("c", "hc", "The Beatles", null, "test", List.of(
        passage(0, List.of(m("beatles", "The Beatles", Mention.TITLE))))));
    e = store.entity("beatles", 10).orElseThrow().entity();
    assertEquals("The Beatles", e.name());
    assertEquals(Mention.TITLE, e.type());
    assertEquals(Set.of("Beatles", "beatles"), Set.copyOf(e.aliases()));
    assertEquals(3, e.passages());
  }

  @Test
  void should_link_near_identical_names_as_synonyms() throws IOException {
    putFixture();
    assertEquals(1, store.stats().synonyms());
    EntitySummary h = store.entity(H, 10).orElseThrow().entity();
    assertTrue(h.aliases().contains(G), h.aliases().toString());
    EntitySummary g = store.entity(G, 10).orElseThrow().entity();
    assertTrue(g.aliases().contains(H), g.aliases().toString());
    assertTrue(store.entity(J, 10).orElseThrow().entity().aliases().stream().noneMatch(S::equals));
    Subgraph sub = store.neighbourhood(List.of(H), List.of(), 1, 100, 100);
    assertEquals(EdgeWeights.SYNONYM, weight(sub, H, G), 1e-6);
    assertTrue(store.delete("d2")); // G goes, and the synonym with it
    assertEquals(0, store.stats().synonyms());
    assertFalse(store.entity(H, 10).orElseThrow().entity().aliases().contains(G));
  }

  @Test
  void should_search_names_and_aliases_case_insensitively_most_mentioned_first() throws IOException {
    putFixture();
    assertEquals(List.of(J, S), keys(store.searchEntities("PSYCHOTHERAPY", 10)));
    assertEquals(List.of(S), keys(store.searchEntities("sepi", 10))); // an alias only
    assertEquals(List.of(G, H), keys(store.searchEntities("Hall", 10)));
    assertEquals(List.of(G), keys(store.searchEntities("hall", 1)));
    assertEquals(List.of(), keys(store.searchEntities("nothing like it", 10)));
    EntitySummary s = store.searchEntities("sepi", 10).get(0);
    assertEquals("Society for the Exploration of Psychotherapy Integration", s.name());
    assertEquals(List.of("SEPI"), s.aliases());
    assertEquals(2, s.passages());
  }

  @Test
  void should_detail_an_entity_with_neighbours_relations_and_documents() throws IOException {
    putFixture();
    EntityDetail d = store.entity(J, 10).orElseThrow();
    assertEquals(new EntitySummary(J, "Journal of Psychotherapy Integration", Mention.TITLE,
        List.of("the Journal of Psychotherapy Integration"), 3), d.entity());
    assertEquals(List.of(new EntityDetail.Neighbour(S, "Society for the Exploration of Psychotherapy Integration",
        "relation", 2), new EntityDetail.Neighbour(H, "Stanley Hall", "relation", 1)), d.neighbours());
    assertEquals(Set.of(
        new EntityDetail.Relation(J, S, "published_by", p("d1", 0), D1),
        new EntityDetail.Relation(J, H, Fact.CO_OCCURS, p("d1", 1), D1),
        new EntityDetail.Relation(J, S, "published_by", p("d3", 0), null)), Set.copyOf(d.relations()));
    assertEquals(3, d.relations().size());
    assertEquals(List.of("d1", "d3"), d.documents());

    EntityDetail g = store.entity(G, 10).orElseThrow();
    assertEquals(new EntityDetail.Neighbour(C, "Clark University", "relation", 2), g.neighbours().get(0));
    assertEquals(Set.of(new EntityDetail.Neighbour(A, "American Psychological Association", "relation", 1),
        new EntityDetail.Neighbour(H, "Stanley Hall", "synonym", 1)), Set.copyOf(g.neighbours().subList(1, 3)));
    assertEquals(Set.of(
        new EntityDetail.Relation(G, C, "founded", p("d2", 0), D2),
        new EntityDetail.Relation(C, G, Fact.CO_OCCURS, p("d2", 0), D2),
        new EntityDetail.Relation(G, A, Fact.CO_OCCURS, p("d2", 1), D2)), Set.copyOf(g.relations()));
    assertEquals(List.of("d2"), g.documents());

    EntityDetail one = store.entity(J, 1).orElseThrow();
    assertEquals(1, one.neighbours().size());
    assertEquals(S, one.neighbours().get(0).key()); // the strongest
    assertEquals(1, one.relations().size());
    assertEquals(1, one.documents().size());
    assertTrue(store.entity("unknown", 10).isEmpty());
  }

  @Test
  void should_keep_names_that_need_escaping() throws IOException {
    String key = "o neill s \"quoted\" back\\slash $param";
    String name = "O'Neill's \"quoted\" back\\slash $param ünïcödé\n// MATCH (n) DETACH DELETE n";
    store.put(new Extraction("doc \"1\" \\", "hash'\\", "title \"x\"", null, "test", List.of(
        passage(0, List.of(m(key, name, Mention.PROPER), m(C, "Clark University", Mention.PROPER)),
            new Fact(key, C, "it's")))));
    assertEquals(Map.of("doc \"1\" \\", "hash'\\"), store.documents());
    assertEquals(name, store.link(List.of(key)).get(key).name());
    assertEquals(List.of(key), keys(store.searchEntities("BACK\\SLASH", 10)));
    EntityDetail d = store.entity(key, 10).orElseThrow();
    assertEquals(List.of(new EntityDetail.Relation(key, C, "it's", p("doc \"1\" \\", 0), null)), d.relations());
    Subgraph g = store.neighbourhood(List.of(), List.of("doc \"1\" \\"), 1, 10, 10);
    assertEquals(Set.of(p("doc \"1\" \\", 0), key, C), nodes(g));
    assertTrue(store.delete("doc \"1\" \\"));
    assertEquals(0, store.stats().entities());
  }

  // ---- neighbourhoods ----

  @Test
  void should_pull_the_neighbourhood_of_an_entity_hop_by_hop() throws IOException {
    putFixture();
    Set<String> hop1 = Set.of(J, p("d1", 0), p("d1", 1), p("d3", 0), S, H);
    assertEquals(Set.of(J), nodes(store.neighbourhood(List.of(J), List.of(), 0, 100, 100)));
    assertEquals(hop1, nodes(store.neighbourhood(List.of(J), List.of(), 1, 100, 100)));
    Set<String> hop2 = union(hop1, Set.of(G));
    assertEquals(hop2, nodes(store.neighbourhood(List.of(J), List.of(), 2, 100, 100)));
    Set<String> hop3 = union(hop2, Set.of(p("d2", 0), p("d2", 1), C, A));
    assertEquals(hop3, nodes(store.neighbourhood(List.of(J), List.of(), 3, 100, 100)));

    Subgraph g = store.neighbourhood(List.of(J), List.of(), 1, 100, 100);
    // mentions J-d1#0, J-d1#1, J-d3#0, S-d1#0, S-d3#0, H-d1#1; relations J-S (two passages), J-H
    assertEquals(8, g.edges());
    assertEquals(2 * EdgeWeights.RELATION, weight(g, J, S), 1e-6);
    assertEquals(EdgeWeights.RELATION, weight(g, J, H), 1e-6);
    // a passage and its own document's title are closer than a passage and a name it mentions
    assertEquals(EdgeWeights.OWN_TITLE, weight(g, J, p("d1", 0)), 1e-6);
    assertEquals(EdgeWeights.MENTION, weight(g, J, p("d3", 0)), 1e-6);
    assertEquals(EdgeWeights.MENTION, weight(g, S, p("d3", 0)), 1e-6);
    assertEquals(0, weight(g, S, H), 1e-6);
    assertTrue(g.isPassage(g.node(p("d1", 0))));
    assertFalse(g.isPassage(g.node(J)));
    for (int n = 0; n < g.size(); n++) {
      assertEquals(g.id(n).contains("#"), g.isPassage(n), g.id(n));
    }
  }

  @Test
  void should_pull_the_neighbourhood_of_a_document_from_all_its_passages() throws IOException {
    putFixture();
    Set<String> hop0 = Set.of(p("d2", 0), p("d2", 1));
    assertEquals(hop0, nodes(store.neighbourhood(List.of(), List.of("d2"), 0, 100, 100)));
    Set<String> hop1 = union(hop0, Set.of(G, C, A));
    assertEquals(hop1, nodes(store.neighbourhood(List.of(), List.of("d2"), 1, 100, 100)));
    Set<String> hop2 = union(hop1, Set.of(H));
    assertEquals(hop2, nodes(store.neighbourhood(List.of(), List.of("d2"), 2, 100, 100)));
    Set<String> hop3 = union(hop2, Set.of(p("d1", 1), J));
    assertEquals(hop3, nodes(store.neighbourhood(List.of(), List.of("d2"), 3, 100, 100)));
    Subgraph g = store.neighbourhood(List.of(), List.of("d2"), 3, 100, 100);
    // mentions d2#0-G, d2#0-C, d2#1-G, d2#1-A, d1#1-H, d1#1-J; G-C, G-A, H-J; synonym H-G
    assertEquals(10, g.edges());
    assertEquals(2 * EdgeWeights.RELATION, weight(g, G, C), 1e-6); // founded and co_occurs
    assertEquals(EdgeWeights.SYNONYM, weight(g, G, H), 1e-6);
    // an entity seed beside the document: G is at depth 0, so H one hop nearer
    assertEquals(hop3, nodes(store.neighbourhood(List.of(G), List.of("d2"), 2, 100, 100)));
  }

  @Test
  void should_ignore_unknown_seeds() throws IOException {
    putFixture();
    assertEquals(0, store.neighbourhood(List.of("unknown"), List.of("nope"), 3, 100, 100).size());
    assertEquals(0, store.neighbourhood(List.of(), List.of(), 3, 100, 100).size());
    assertEquals(nodes(store.neighbourhood(List.of(J), List.of(), 2, 100, 100)),
        nodes(store.neighbourhood(List.of("unknown", J), List.of("nope"), 2, 100, 100)));
  }

  @Test
  void should_keep_the_nearest_nodes_when_there_are_more_than_max_nodes() throws IOException {
    putFixture();
    Set<String> hop1 = Set.of(p("d1", 0), p("d1", 1), p("d3", 0), S, H);
    Subgraph four = store.neighbourhood(List.of(J), List.of(), 3, 4, 100);
    assertEquals(4, four.size());
    assertTrue(nodes(four).contains(J));
    assertTrue(hop1.containsAll(minus(nodes(four), Set.of(J))), nodes(four).toString());

    Subgraph eight = store.neighbourhood(List.of(J), List.of(), 3, 8, 100);
    assertEquals(8, eight.size());
    Set<String> upTo2 = union(union(hop1, Set.of(J)), Set.of(G));
    assertTrue(nodes(eight).containsAll(upTo2), nodes(eight).toString());
    assertTrue(Set.of(p("d2", 0), p("d2", 1), C, A).containsAll(minus(nodes(eight), upTo2)));
    // the edges among the nodes kept are all there
    assertEquals(EdgeWeights.RELATION * 2, weight(eight, J, S), 1e-6);

    assertEquals(1, store.neighbourhood(List.of(J, S), List.of(), 2, 1, 100).size());
    assertEquals(0, store.neighbourhood(List.of(J), List.of(), 2, 0, 100).size());
  }

  @Test
  void should_not_expand_an_entity_mentioned_by_more_than_max_degree_passages() throws IOException {
    putFixture();
    // J has three passages: a node, but not expanded, at maxDegree 2
    Set<String> expected = Set.of(H, p("d1", 1), J, G, p("d2", 0), p("d2", 1), C, A);
    Subgraph g = store.neighbourhood(List.of(H), List.of(), 2, 100, 2);
    assertEquals(expected, nodes(g));
    assertEquals(EdgeWeights.RELATION, weight(g, J, H), 1e-6);
    assertEquals(union(expected, Set.of(p("d1", 0), p("d3", 0), S)),
        nodes(store.neighbourhood(List.of(H), List.of(), 2, 100, 3)));
    // a hub seed is a node but is not expanded either
    assertEquals(Set.of(J), nodes(store.neighbourhood(List.of(J), List.of(), 3, 100, 2)));
  }

  // ---- writers, durability ----

  @Test
  void should_serialize_concurrent_writers_beside_readers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 5; i++) {
            String doc = "t" + thread + "-" + i;
            store.put(new Extraction(doc, "h", "", null, "test", List.of(passage(0,
                List.of(m("shared entity", "Shared Entity", Mention.PROPER),
                    m("entity " + doc, "Entity " + doc, Mention.PROPER)),
                new Fact("shared entity", "entity " + doc, Fact.CO_OCCURS)))));
          }
          return null;
        }));
      }
      futures.add(pool.submit(() -> {
        for (int i = 0; i < 20; i++) {
          store.stats();
          store.neighbourhood(List.of("shared entity"), List.of(), 2, 50, 100);
        }
        return null;
      }));
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    GraphStats s = store.stats();
    assertEquals(20, s.documents());
    assertEquals(21, s.entities());
    assertEquals(40, s.mentions());
    assertEquals(20, s.relations());
    assertEquals(20, store.link(List.of("shared entity")).get("shared entity").passages());
  }

  @Test
  void should_keep_a_committed_graph_across_close_and_open() throws Exception {
    Assumptions.assumeTrue(durable(), "this store keeps nothing across a reopen");
    putFixture();
    store.commit();
    GraphStats before = store.stats();
    Set<String> nodes = nodes(store.neighbourhood(List.of(J), List.of(), 3, 100, 100));
    Map<String, Float> edges = edgesOf(store.neighbourhood(List.of(J), List.of(), 3, 100, 100));
    store.close();
    store = null;
    store = open(dir);
    assertEquals(before, store.stats());
    assertEquals(nodes, nodes(store.neighbourhood(List.of(J), List.of(), 3, 100, 100)));
    assertEquals(edges, edgesOf(store.neighbourhood(List.of(J), List.of(), 3, 100, 100)));
    assertEquals(Map.of("d1", "h1", "d2", "h2", "d3", "h3"), store.documents());
    // and it still takes writes
    assertTrue(store.delete("d1"));
    assertEquals(2, store.stats().documents());
  }

  // ---- a random corpus against the model ----

  @Test
  void should_agree_with_the_model_on_a_random_corpus() throws IOException {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println(getClass().getSimpleName() + " seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    Model model = new Model();
    long start = System.nanoTime();
    for (int d = 0; d < 100; d++) {
      Extraction x = randomDocument(random, "doc" + d);
      store.put(x);
      model.put(x);
    }
    long putNanos = System.nanoTime() - start;
    System.out.printf(Locale.ROOT, "%s: put 100 documents in %d ms%n", getClass().getSimpleName(),
        putNanos / 1_000_000);
    model.check(store, random, "after 100 puts, seed " + seed);
    for (int d = 0; d < 100; d += 3) {
      if (random.nextBoolean()) {
        assertTrue(store.delete("doc" + d));
        model.delete("doc" + d);
      } else {
        Extraction x = randomDocument(random, "doc" + d);
        store.put(x);
        model.put(x);
      }
    }
    model.check(store, random, "after deletes and replacements, seed " + seed);
  }

  private static final String[] FIRST = {"stanley", "william", "wilhelm", "sigmund", "carl", "alfred", "jean"};
  private static final String[] LAST = {"hall", "james", "wundt", "freud", "jung", "adler", "piaget", "rogers"};

  private static Extraction randomDocument(Random random, String id) {
    List<PassageFacts> passages = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int ordinal = 0; ordinal < n; ordinal++) {
      Set<String> keys = new java.util.LinkedHashSet<>();
      int mentions = 1 + random.nextInt(4);
      while (keys.size() < mentions) {
        String key = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
        // "g stanley hall" beside "stanley hall": the synonym rule's initial in front
        keys.add(random.nextInt(4) == 0 ? (char) ('a' + random.nextInt(3)) + " " + key : key);
      }
      List<Mention> ms = keys.stream().map(k -> m(k, k.toUpperCase(Locale.ROOT), Mention.PROPER)).toList();
      List<Fact> facts = new ArrayList<>();
      List<String> ks = List.copyOf(keys);
      for (int f = 0; f + 1 < ks.size(); f++) {
        facts.add(new Fact(ks.get(f), ks.get(f + 1), random.nextBoolean() ? Fact.CO_OCCURS : "influenced"));
      }
      passages.add(new PassageFacts(ordinal, ms, facts));
    }
    LocalDate date = random.nextBoolean() ? null : LocalDate.of(2000 + random.nextInt(20), 1, 1);
    return new Extraction(id, "hash-" + random.nextInt(1000), "", date, "test", passages);
  }

  /**
   * The graph as the contract defines it, recomputed from the documents held: what every store
   * must agree with.
   */
  static final class Model {
    final Map<String, Extraction> documents = new TreeMap<>();

    void put(Extraction x) {
      documents.put(x.documentId(), x);
    }

    void delete(String id) {
      documents.remove(id);
    }

    /** Passage id -> keys it names. */
    Map<String, Set<String>> passages() {
      Map<String, Set<String>> out = new TreeMap<>();
      for (Extraction x : documents.values()) {
        for (PassageFacts p : x.passages()) {
          out.computeIfAbsent(PassageFacts.passageId(x.documentId(), p.ordinal()), k -> new TreeSet<>())
              .addAll(p.mentions().stream().map(Mention::key).toList());
        }
      }
      return out;
    }

    /** Evidence per relation: [source, target, type] (co_occurs ordered) -> passage ids. */
    Map<List<String>, Set<String>> relations() {
      Map<List<String>, Set<String>> out = new java.util.HashMap<>();
      for (Extraction x : documents.values()) {
        for (PassageFacts p : x.passages()) {
          for (Fact f : p.facts()) {
            List<String> r = f.type().equals(Fact.CO_OCCURS) && f.target().compareTo(f.source()) < 0
                ? List.of(f.target(), f.source(), f.type()) : List.of(f.source(), f.target(), f.type());
            out.computeIfAbsent(r, k -> new HashSet<>()).add(PassageFacts.passageId(x.documentId(), p.ordinal()));
          }
        }
      }
      return out;
    }

    Map<String, Integer> degrees() {
      Map<String, Integer> out = new TreeMap<>();
      passages().values().forEach(keys -> keys.forEach(k -> out.merge(k, 1, Integer::sum)));
      return out;
    }

    Set<List<String>> synonyms() {
      List<String> keys = List.copyOf(degrees().keySet());
      Set<List<String>> out = new HashSet<>();
      for (int i = 0; i < keys.size(); i++) {
        for (int j = i + 1; j < keys.size(); j++) {
          String a = keys.get(i);
          String b = keys.get(j);
          if (SynonymRule.tokens(a).stream().anyMatch(SynonymRule.tokens(b)::contains) && SynonymRule.similar(a, b)) {
            out.add(List.of(a, b));
          }
        }
      }
      return out;
    }

    /** Undirected weighted edges "a|b" (a < b) -> weight. */
    Map<String, Float> edges() {
      Map<String, Float> out = new TreeMap<>();
      passages().forEach((p, keys) -> keys.forEach(k -> out.merge(pair(p, k),
          (float) EdgeWeights.mention(k, EntityKeys.of(documents.get(PassageFacts.documentOf(p)).title())), Float::sum)));
      relations().forEach((r, evidence) -> out.merge(pair(r.get(0), r.get(1)),
          (float) (EdgeWeights.RELATION * evidence.size()), Float::sum));
      synonyms().forEach(s -> out.merge(pair(s.get(0), s.get(1)), (float) EdgeWeights.SYNONYM, Float::sum));
      return out;
    }

    static Map<String, Set<String>> adjacency(Map<String, Float> edges) {
      Map<String, Set<String>> adjacent = new java.util.HashMap<>();
      edges.keySet().forEach(e -> {
        String[] ab = e.split("\\|");
        adjacent.computeIfAbsent(ab[0], k -> new HashSet<>()).add(ab[1]);
        adjacent.computeIfAbsent(ab[1], k -> new HashSet<>()).add(ab[0]);
      });
      return adjacent;
    }

    /** Every node within {@code hops} of the seeds, hubs reached but not expanded. */
    static Set<String> ball(Map<String, Set<String>> adjacent, Map<String, Integer> degrees, Collection<String> keys,
        int hops, int maxDegree) {
      Set<String> seen = new HashSet<>(keys.stream().filter(degrees::containsKey).toList());
      Set<String> frontier = Set.copyOf(seen);
      for (int h = 0; h < hops; h++) {
        Set<String> next = new HashSet<>();
        for (String n : frontier) {
          if (!n.contains("#") && degrees.get(n) > maxDegree) {
            continue;
          }
          for (String t : adjacent.getOrDefault(n, Set.of())) {
            if (seen.add(t)) {
              next.add(t);
            }
          }
        }
        frontier = next;
      }
      return seen;
    }

    void check(GraphStore store, Random random, String when) throws IOException {
      GraphStats s = store.stats();
      Map<String, Integer> degrees = degrees();
      long mentions = passages().values().stream().mapToLong(Set::size).sum();
      assertEquals(List.of((long) documents.size(), (long) passages().size(), (long) degrees.size(), mentions,
          (long) relations().size(), (long) synonyms().size()),
          List.of(s.documents(), s.passages(), s.entities(), s.mentions(), s.relations(), s.synonyms()), when);
      assertEquals(documents.values().stream().collect(Collectors.toMap(Extraction::documentId,
          Extraction::contentHash)), store.documents(), when);
      Map<String, LinkedEntity> linked = store.link(degrees.keySet());
      assertEquals(degrees.keySet(), linked.keySet(), when);
      degrees.forEach((k, n) -> assertEquals(n, linked.get(k).passages(), when + ": " + k));
      List<String> keys = List.copyOf(degrees.keySet());
      Map<String, Float> all = edges();
      Map<String, Set<String>> adjacent = adjacency(all);
      long nanos = 0;
      int nodes = 0;
      for (int i = 0; i < 10 && !keys.isEmpty(); i++) {
        String seed = keys.get(random.nextInt(keys.size()));
        int hops = 1 + random.nextInt(3);
        int maxDegree = 2 + random.nextInt(10);
        long start = System.nanoTime();
        Subgraph g = store.neighbourhood(List.of(seed), List.of(), hops, 100_000, maxDegree);
        nanos += System.nanoTime() - start;
        nodes += g.size();
        Set<String> expected = ball(adjacent, degrees, List.of(seed), hops, maxDegree);
        assertEquals(new TreeSet<>(expected), new TreeSet<>(nodes(g)),
            when + ": " + seed + " at " + hops + " hops, max degree " + maxDegree);
        Map<String, Float> among = new TreeMap<>();
        all.forEach((e, w) -> {
          String[] ab = e.split("\\|");
          if (expected.contains(ab[0]) && expected.contains(ab[1])) {
            among.put(e, w);
          }
        });
        assertEquals(among, edgesOf(g), when + ": edges around " + seed);
      }
      System.out.printf(Locale.ROOT, "%s: 10 neighbourhoods of %d nodes on average in %.2f ms each (%s)%n",
          store.kind(), nodes / 10, nanos / 10 / 1e6, when);
    }
  }

  // ---- helpers ----

  static Set<String> nodes(Subgraph g) {
    Set<String> out = new HashSet<>();
    for (int n = 0; n < g.size(); n++) {
      out.add(g.id(n));
    }
    return out;
  }

  /** Undirected edges "a|b" (a < b) -> weight. */
  static Map<String, Float> edgesOf(Subgraph g) {
    Map<String, Float> out = new TreeMap<>();
    for (int n = 0; n < g.size(); n++) {
      for (int e = g.start(n); e < g.end(n); e++) {
        out.put(pair(g.id(n), g.id(g.target(e))), g.weight(e));
      }
    }
    return out;
  }

  static String pair(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  /** The weight of the edge between two nodes, or 0. */
  static double weight(Subgraph g, String a, String b) {
    int x = g.node(a);
    int y = g.node(b);
    if (x < 0 || y < 0) {
      return 0;
    }
    for (int e = g.start(x); e < g.end(x); e++) {
      if (g.target(e) == y) {
        return g.weight(e);
      }
    }
    return 0;
  }

  static List<String> keys(List<EntitySummary> found) {
    return found.stream().map(EntitySummary::key).toList();
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.removeAll(b);
    return out;
  }
}
