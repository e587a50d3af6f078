package io.quarry.bench.peer;

import io.quarry.bench.backend.BenchMode;
import java.util.Objects;

/**
 * One search a peer offers, and the Quarry mode it is compared with.
 *
 * @param peer the peer's name, e.g. {@code lancedb}
 * @param leg the peer's search, e.g. {@code fts}
 * @param versus the Quarry mode it runs beside (its queries are sent right after that mode's)
 * @param wantsVector true when the search takes the query vector; its latency then includes the
 *     query embedding, as Quarry's does
 */
public record PeerLeg(String peer, String leg, BenchMode versus, boolean wantsVector) {

  public PeerLeg {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(leg, "leg");
    Objects.requireNonNull(versus, "versus");
  }

  /** The {@code mode} of its result rows: {@code peer:leg}, e.g. {@code anserini:bm25}. */
  public String mode() {
    return peer + ":" + leg;
  }
}
