package io.quarry.core.search;

import io.quarry.core.index.QuarryIndex;
import org.apache.lucene.search.Query;

/**
 * What a leg gets to work with for one request.
 *
 * @param snapshot the request's point-in-time view; all legs of a request share it
 * @param index the index (analyzer, parent bit sets)
 * @param text the query text the leg should search
 * @param vector the query vector, or null when no vector leg runs
 * @param filters the request's filters
 * @param passages true to rank passages, false to rank documents
 * @param candidates how many candidates to return at most
 */
public record LegInput(
    QuarryIndex.Snapshot snapshot,
    QuarryIndex index,
    String text,
    float[] vector,
    Filters filters,
    boolean passages,
    int candidates) {

  /** The Lucene filter for the level this input searches. */
  public Query filterQuery() {
    return passages ? FilterQueries.passages(filters) : FilterQueries.documents(filters);
  }
}
