package io.quarry.server;

import io.quarry.graph.GraphIndexer;
import io.quarry.graph.extract.Extractor;
import io.quarry.graph.extract.FallbackExtractor;
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
 * @param extractor the extractor ({@code opennlp}, or the LLM with its fallback)
 */
public record GraphParts(GraphStore store, GraphIndexer indexer, GraphRetriever retriever, Extractor extractor) {

  /** What extracts, in words: {@code opennlp}, or {@code ollama:<model>, falling back to opennlp}. */
  public String describeExtractor() {
    return extractor instanceof FallbackExtractor f
        ? f.primary().name() + ", falling back to " + f.fallback().name() : extractor.name();
  }

  /** How many documents fell back from the LLM to the default extractor, and the last reason. */
  public java.util.Map<String, Object> fallbacks() {
    if (!(extractor instanceof FallbackExtractor f)) {
      return java.util.Map.of();
    }
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("documents", f.fallbacks());
    out.put("last_reason", f.lastFallbackReason());
    out.put("circuit", f.breaker().state().toString().toLowerCase(java.util.Locale.ROOT));
    return out;
  }

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
      // the passage count, not the whole stats: /health asks on every probe
      if (store.passageCount() == 0 && indexedDocuments > 0) {
        out.add("the graph is enabled but empty while the index holds " + indexedDocuments
            + " documents: extraction is not running");
      }
    } catch (IOException | RuntimeException e) {
      out.add("the " + store.kind() + " graph store does not answer: " + e.getMessage());
    }
    return out;
  }
}
