package io.quarry.core.search.leg;

import io.quarry.core.fusion.RankedList;
import java.io.IOException;

/**
 * One way of finding candidates: BM25, vector, and later query variants, graph, freshness.
 * A leg reads the request's snapshot and returns its own ranked list; it never fuses.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface RetrievalLeg {

  /** The name used in responses, weights and the {@code legs} request option. */
  String name();

  /** Whether the leg needs the query vector. */
  boolean needsQueryVector();

  /**
   * Whether the leg stops soon after its {@link LegInput#cancellation()} is set, however it is
   * set (it does only Lucene work that polls the flag, no blocking I/O or remote calls). Only such
   * a leg may run on the request's own thread, where nothing else can enforce the deadline.
   */
  default boolean stopsWhenCancelled() {
    return false;
  }

  /**
   * Whether the leg runs after the original query's first-hop legs, with their combined list as
   * {@link LegInput#seeds()} (the graph leg seeds its PageRank with it).
   */
  default boolean needsSeeds() {
    return false;
  }

  /**
   * Whether the leg runs for this query at all, decided before anything is embedded or searched;
   * a closed gate is reported as {@code gated} (or {@code unavailable}) in {@code dropped}.
   */
  default io.quarry.core.spi.DocumentRetriever.Gate gate(String text) {
    return io.quarry.core.spi.DocumentRetriever.Gate.OPEN;
  }

  /** Runs the leg. */
  RankedList search(LegInput input) throws IOException;
}
