package io.quarry.graph.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.search.leg.RetrievalLegTestCase;
import io.quarry.core.search.leg.RetrieverLeg;
import io.quarry.core.spi.DocumentListener;
import io.quarry.core.spi.DocumentRetriever;
import io.quarry.graph.GraphIndexer;
import io.quarry.graph.extract.OpenNlpExtractor;
import io.quarry.graph.extract.OpenNlpModels;
import io.quarry.graph.store.EmbeddedGraphStore;
import io.quarry.graph.store.GraphStore;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The graph leg keeps every leg's contract (over the embedded store, built from the test corpus
 * at ingest), and its gate closes before any work for an empty graph or a query naming nothing.
 */
class GraphLegTest extends RetrievalLegTestCase {

  private GraphStore store;

  private GraphStore store() {
    if (store == null) {
      try {
        store = EmbeddedGraphStore.open(dir.resolve("graph"));
      } catch (java.io.IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return store;
  }

  @AfterEach
  void closeStore() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  @Override
  protected DocumentListener listener() {
    try {
      return new GraphIndexer(store(), OpenNlpExtractor.english());
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private GraphRetriever retriever(boolean always) {
    return new GraphRetriever(store(), new EntityLinker(OpenNlpModels.english().tokens()),
        new GraphSearchSettings(always, 1, 10, 0.05, 3, 5000, 200, 0.5));
  }

  @Override
  protected RetrievalLeg newLeg() {
    return new RetrieverLeg(retriever(true));
  }

  @Override
  protected String query() {
    return "Aspirin and heart attacks";
  }

  @Test
  void should_close_the_gate_of_an_empty_graph() {
    DocumentRetriever.Gate gate = retriever(false).gate("Aspirin and heart attacks");
    assertFalse(gate.open());
    assertFalse(gate.unavailable());
    assertEquals("the graph is empty", gate.reason());
  }

  @Test
  void should_open_the_gate_in_auto_only_for_a_query_that_names_an_entity() throws Exception {
    index(io.quarry.core.testing.TestCorpus.documents());
    GraphRetriever auto = retriever(false);
    assertTrue(auto.gate("are Aspirin and heart attacks related?").open());
    DocumentRetriever.Gate vague = auto.gate("what helps people?");
    assertFalse(vague.open());
    assertEquals("the query names no entity of the graph", vague.reason());
    assertTrue(retriever(true).gate("what helps people?").open(), "graph.enabled=on runs it anyway");
  }

  @Test
  void should_rank_the_documents_of_a_linked_title_first_and_explain_why() throws Exception {
    index(io.quarry.core.testing.TestCorpus.documents());
    DocumentRetriever.Result r = retriever(false).retrieve(new DocumentRetriever.Query(
        "Aspirin and heart attacks", null, List.of(), 5, () -> false));
    assertFalse(r.ranked().isEmpty());
    assertEquals("d1", r.ranked().get(0).id(), r.ranked().toString());
    assertTrue(r.explanation().containsKey("linked_entities"));
    assertTrue(r.explanation().containsKey("paths"));
  }
}
