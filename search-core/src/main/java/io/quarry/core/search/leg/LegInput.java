package io.quarry.core.search.leg;

import io.quarry.core.fusion.RankedList;
import io.quarry.core.search.Filters;
import io.quarry.core.dag.Cancellation;
import io.quarry.core.index.QuarryIndex;
import java.util.concurrent.CancellationException;
import org.apache.lucene.search.IndexSearcher;
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
 * @param cancellation set when the leg is late; Lucene checks it while collecting
 * @param seeds the original query's first-hop list (BM25 and vector combined) for a leg that
 *     {@link RetrievalLeg#needsSeeds() needs it}, else null
 */
public record LegInput(
    QuarryIndex.Snapshot snapshot,
    QuarryIndex index,
    String text,
    float[] vector,
    Filters filters,
    boolean passages,
    int candidates,
    Cancellation cancellation,
    RankedList seeds) {

  public LegInput {
    cancellation = cancellation == null ? Cancellation.NONE : cancellation;
  }

  /** An input without seeds. */
  public LegInput(QuarryIndex.Snapshot snapshot, QuarryIndex index, String text, float[] vector,
      Filters filters, boolean passages, int candidates, Cancellation cancellation) {
    this(snapshot, index, text, vector, filters, passages, candidates, cancellation, null);
  }

  /** The same input with the first-hop list as seeds. */
  public LegInput withSeeds(RankedList firstHop) {
    return new LegInput(snapshot, index, text, vector, filters, passages, candidates, cancellation, firstHop);
  }

  /** An input that is never cancelled (the fast path waits on futures instead). */
  public LegInput(QuarryIndex.Snapshot snapshot, QuarryIndex index, String text, float[] vector,
      Filters filters, boolean passages, int candidates) {
    this(snapshot, index, text, vector, filters, passages, candidates, Cancellation.NONE, null);
  }

  /**
   * The searcher a leg should use: the snapshot's own, or, when the leg can be cancelled, one
   * over the same reader whose {@code QueryTimeout} is the cancel flag, so a late leg stops
   * scoring instead of running on after its answer is no longer wanted. (The snapshot's searcher
   * is shared by concurrent requests, so its timeout cannot be set.)
   */
  public IndexSearcher searcher() {
    return cancellation == Cancellation.NONE ? snapshot.searcher() : snapshot.searcher(cancellation::isCancelled);
  }

  /** Throws when the leg was cancelled, e.g. after Lucene stopped early and returned a partial list. */
  public void checkCancelled() {
    if (cancellation.isCancelled()) {
      throw new CancellationException("leg cancelled");
    }
  }

  /** The Lucene filter for the level this input searches. */
  public Query filterQuery() {
    return passages ? FilterQueries.passages(filters) : FilterQueries.documents(filters);
  }
}
