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

  /** Runs the leg. */
  RankedList search(LegInput input) throws IOException;
}
