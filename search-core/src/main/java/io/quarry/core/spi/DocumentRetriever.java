package io.quarry.core.spi;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A source of ranked documents that is not the Lucene index (the knowledge graph), plugged into
 * search as a retrieval leg, the way langchain4j's {@code ContentRetriever} plugs a store into its
 * retrieval augmentor. It speaks in external document ids and scores, no Lucene types: search-core
 * resolves the ids in the request's snapshot, applies the request's filters, and reports the leg
 * like any other (its weight is {@code search.weights.<name>}, its flag {@code search.legs.<name>}).
 *
 * <p>A retriever that cannot help a query says so in {@link #gate} before anything is embedded or
 * searched, so a leg that cannot help costs nothing.
 *
 * <p>Implementations are thread-safe.
 */
public interface DocumentRetriever {

  /** The leg's name in responses, weights, flags and the {@code legs} request option. */
  String name();

  /** Whether {@link Query#vector()} is needed (it is null otherwise). */
  boolean needsQueryVector();

  /**
   * Whether {@link Query#seeds()} is needed: the documents the original query's first-hop legs
   * (BM25 and vector, combined) found, best first. A retriever that needs them runs after those
   * legs; one that does not runs beside them.
   */
  default boolean needsSeeds() {
    return false;
  }

  /**
   * Whether to run for this query at all, decided cheaply (no embedding, no search) from the text
   * and the retriever's own state: an empty store, or a query the retriever cannot link to
   * anything, closes the gate. Called once per request, before the leg is planned.
   */
  default Gate gate(String text) {
    return Gate.OPEN;
  }

  /**
   * Ranks documents for one query, best first; ids unknown to the index, and documents the
   * request's filters exclude, are dropped by the caller.
   *
   * @throws Exception any failure; a timeout of a dependency should stay a timeout (its type's
   *     name ends in {@code TimeoutException}) so the answer reports it as one
   */
  Result retrieve(Query query) throws Exception;

  /**
   * One query.
   *
   * @param text the text the legs search (time expressions removed)
   * @param vector the query embedding, or null when {@link #needsQueryVector()} is false
   * @param seeds the first-hop documents, best first, when {@link #needsSeeds()}; else empty
   * @param maxResults how many documents to return at most
   * @param cancelled true once the answer is no longer wanted: poll it in long loops and stop
   */
  record Query(String text, float[] vector, List<Scored> seeds, int maxResults, BooleanSupplier cancelled) {
    public Query {
      seeds = seeds == null ? List.of() : List.copyOf(seeds);
    }
  }

  /**
   * One ranked document.
   *
   * @param id the document's external id
   * @param score higher is better
   */
  record Scored(String id, double score) {}

  /**
   * What one retrieval found.
   *
   * @param ranked best first
   * @param explanation why, for {@code explain=true} (e.g. the graph's linked entities and
   *     paths); JSON-friendly values, may be empty
   */
  record Result(List<Scored> ranked, Map<String, Object> explanation) {
    public Result {
      ranked = List.copyOf(ranked);
      explanation = explanation == null ? Map.of() : Map.copyOf(explanation);
    }

    public static Result of(List<Scored> ranked) {
      return new Result(ranked, Map.of());
    }
  }

  /**
   * Whether a retriever runs for one query.
   *
   * @param open true to run
   * @param unavailable true when it cannot run because something it needs is missing or broken
   *     (reported {@code unavailable}); false when it chose not to (reported {@code gated})
   * @param reason why not, in a few words; empty when open
   */
  record Gate(boolean open, boolean unavailable, String reason) {
    public static final Gate OPEN = new Gate(true, false, "");

    /** Closed because the retriever cannot help this query (an empty graph, nothing linked). */
    public static Gate skip(String reason) {
      return new Gate(false, false, reason);
    }

    /** Closed because the retriever cannot run now (its store is down). */
    public static Gate unavailable(String reason) {
      return new Gate(false, true, reason);
    }
  }
}
