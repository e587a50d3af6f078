package io.quarry.core.dag;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How the executor treats one node.
 *
 * @param timeout the node's own limit per attempt, or null for none (the request deadline still
 *     applies)
 * @param maxAttempts attempts in all, at least 1 (2 = one retry)
 * @param backoff wait before the first retry; doubled for each further retry
 * @param retryable which failures are transient enough to retry
 * @param fallback an output to use when the node finally fails, or null for none
 * @param exemptFromDeadline true for merge and finishing nodes, which must run with whatever
 *     arrived even after the deadline (they are cheap by contract); false for legs, which the
 *     deadline cancels
 */
public record NodePolicy(
    Duration timeout,
    int maxAttempts,
    Duration backoff,
    Predicate<Throwable> retryable,
    Supplier<?> fallback,
    boolean exemptFromDeadline) {

  /** Any failure that is not a cancellation or a programming error counts as transient. */
  public static final Predicate<Throwable> TRANSIENT = t ->
      !(t instanceof InterruptedException) && !(t instanceof java.util.concurrent.CancellationException)
          && !(t instanceof IllegalArgumentException) && !(t instanceof IllegalStateException)
          && !(t instanceof NullPointerException) && !(t instanceof Error);

  /** One attempt, no timeout of its own, no fallback, cancelled by the deadline. */
  public static final NodePolicy DEFAULT =
      new NodePolicy(null, 1, Duration.ofMillis(10), TRANSIENT, null, false);

  /** A merge node: runs with what arrived, even after the deadline. */
  public static final NodePolicy MERGE =
      new NodePolicy(null, 1, Duration.ofMillis(10), TRANSIENT, null, true);

  public NodePolicy {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("illegal timeout: " + timeout + ", must be positive");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("illegal maxAttempts: " + maxAttempts + ", must be in 1..10");
    }
    if (backoff == null || backoff.isNegative()) {
      throw new IllegalArgumentException("illegal backoff: " + backoff + ", must be >= 0");
    }
    retryable = retryable == null ? TRANSIENT : retryable;
  }

  public NodePolicy withTimeout(Duration t) {
    return new NodePolicy(t, maxAttempts, backoff, retryable, fallback, exemptFromDeadline);
  }

  public NodePolicy withRetries(int attempts, Duration firstBackoff) {
    return new NodePolicy(timeout, attempts, firstBackoff, retryable, fallback, exemptFromDeadline);
  }

  public NodePolicy withFallback(Supplier<?> f) {
    return new NodePolicy(timeout, maxAttempts, backoff, retryable, f, exemptFromDeadline);
  }
}
