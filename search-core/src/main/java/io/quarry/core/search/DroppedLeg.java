package io.quarry.core.search;

import io.quarry.core.dag.NodeOutcome;
import io.quarry.core.dag.Timeouts;
import java.util.Objects;

/**
 * A leg or stage that contributed nothing to a response, and why.
 *
 * @param leg the leg's or stage's name ({@code vector}, {@code hop2}, {@code rerank}, {@code
 *     hydrate}, ...)
 * @param reason why, typed
 * @param detail what happened, in a few words ("deadline", "IOException: refused", "no reranker
 *     configured"), or null
 */
public record DroppedLeg(String leg, DropReason reason, String detail) {

  public DroppedLeg {
    Objects.requireNonNull(leg, "leg");
    Objects.requireNonNull(reason, "reason");
  }

  /** A drop with no detail. */
  public DroppedLeg(String leg, DropReason reason) {
    this(leg, reason, null);
  }

  /** A leg that ran out of time. */
  public static DroppedLeg timeout(String leg, String detail) {
    return new DroppedLeg(leg, DropReason.TIMEOUT, detail);
  }

  /** A leg that failed with {@code error}: a timeout when a dependency timed out, else an error. */
  public static DroppedLeg failed(String leg, Throwable error) {
    return new DroppedLeg(leg, Timeouts.isTimeout(error) ? DropReason.TIMEOUT : DropReason.ERROR,
        Timeouts.describe(error));
  }

  /** A DAG node that did not deliver: a timeout when time is why, else an error. */
  public static DroppedLeg of(String leg, NodeOutcome outcome) {
    return new DroppedLeg(leg, outcome.late() ? DropReason.TIMEOUT : DropReason.ERROR, outcome.reason());
  }

  /** Whether an answer missing this leg is partial ({@link DropReason#partial()}). */
  public boolean partial() {
    return reason.partial();
  }
}
