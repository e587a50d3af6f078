package io.quarry.core.spi;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A source of ranked documents that is not the Lucene index (the knowledge graph), plugged into
 * search as a retrieval leg, the way langchain4j's {@code ContentRetriever} plugs a store into its
 * retrieval augmentor. It speaks in external document ids and scores, no Lucene types: search-core
 * resolves the ids in the request's snapshot, applies the request's filters, and reports the leg
 * like any other (its weight is {@code search.weights.<name>}, its flag {@code search.legs.<name>}).
 *
 * <p>Implementations are thread-safe.
 */
public interface DocumentRetriever {

  /** The leg's name in responses, weights, flags and the {@code legs} request option. */
  String name();

  /** Whether {@link Query#vector()} is needed (it is null otherwise). */
  boolean needsQueryVector();

  /**
   * Ranks documents for one query, best first; ids unknown to the index, and documents the
   * request's filters exclude, are dropped by the caller.
   *
   * @throws Exception any failure; a timeout of a dependency should stay a timeout (its type's
   *     name ends in {@code TimeoutException}) so the answer reports it as one
   */
  List<Scored> retrieve(Query query) throws Exception;

  /**
   * One query.
   *
   * @param text the text the legs search (time expressions removed)
   * @param vector the query embedding, or null when {@link #needsQueryVector()} is false
   * @param maxResults how many documents to return at most
   * @param cancelled true once the answer is no longer wanted: poll it in long loops and stop
   */
  record Query(String text, float[] vector, int maxResults, BooleanSupplier cancelled) {}

  /**
   * One ranked document.
   *
   * @param id the document's external id
   * @param score higher is better
   */
  record Scored(String id, double score) {}
}
