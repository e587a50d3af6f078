package io.quarry.bench.peer;

import java.util.Objects;

/**
 * One query as a peer gets it.
 *
 * @param text the query text
 * @param k hits wanted (documents, after dropping later passages of the same document)
 * @param vector Quarry's query vector, or null for a leg that does not want one
 * @param asOf the query's "now" (documents published later are not admissible), or null. Only
 *     the exact scan applies it, being the reference for Quarry's own vector leg, which does;
 *     Anserini and LanceDB get the text alone, as a user of theirs would send it.
 */
public record PeerQuery(String text, int k, float[] vector, java.time.LocalDate asOf) {

  /** A query without an as-of day. */
  public PeerQuery(String text, int k, float[] vector) {
    this(text, k, vector, null);
  }

  public PeerQuery {
    Objects.requireNonNull(text, "text");
    if (k < 1) {
      throw new IllegalArgumentException("illegal k: " + k + ", must be >= 1");
    }
  }
}
