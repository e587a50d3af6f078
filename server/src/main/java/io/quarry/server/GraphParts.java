package io.quarry.server;

import io.quarry.graph.GraphIndexer;
import io.quarry.graph.model.GraphStats;
import io.quarry.graph.retrieve.GraphRetriever;
import io.quarry.graph.store.GraphStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The knowledge graph as the engine holds it: the store, the indexer that builds it at ingest,
 * and the retriever behind the graph leg.
 *
 * @param store where it lives
 * @param indexer builds it as documents arrive
 * @param retriever the graph leg's retriever
 * @param extractor the extractor's name ({@code opennlp}, or the LLM with its fallback)
 */
public record GraphParts(GraphStore store, GraphIndexer indexer, GraphRetriever retriever, String extractor) {

  /** The graph's counts, or empty ones when its store cannot say (a FalkorDB that is down). */
  public GraphStats stats() {
    try {
      return store.stats();
    } catch (IOException | RuntimeException e) {
      return GraphStats.EMPTY;
    }
  }

  /**
   * What is wrong with the graph, each in a sentence: a store that does not answer, or a graph
   * that is empty while the index holds documents (extraction is not running).
   */
  public List<String> problems(long indexedDocuments) {
    List<String> out = new ArrayList<>();
    try {
      GraphStats s = store.stats();
      if (s.documents() == 0 && indexedDocuments > 0) {
        out.add("the graph is enabled but empty while the index holds " + indexedDocuments
            + " documents: extraction is not running");
      }
    } catch (IOException | RuntimeException e) {
      out.add("the " + store.kind() + " graph store does not answer: " + e.getMessage());
    }
    return out;
  }
}
