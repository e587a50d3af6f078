package io.quarry.core.dag;

import java.util.concurrent.CancellationException;

/**
 * The cancel flag of one node attempt. The executor sets it (and interrupts the thread) when the
 * attempt times out or the deadline passes; long-running work polls it, e.g. as a Lucene
 * {@code QueryTimeout}, because CPU-bound loops do not notice interrupts.
 *
 * <p>Thread-safe.
 */
public final class Cancellation {

  /** A flag that is never set, for work run outside a DAG. */
  public static final Cancellation NONE = new Cancellation();

  private volatile boolean cancelled;
  private final long deadlineNanos;
  private final boolean hasDeadline;

  /** A flag set only by {@link #cancel}. */
  public Cancellation() {
    this.deadlineNanos = 0;
    this.hasDeadline = false;
  }

  private Cancellation(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
    this.hasDeadline = true;
  }

  /**
   * A flag that also counts as set once {@link System#nanoTime()} passes {@code deadlineNanos}:
   * for work run on the caller's own thread, where no one else is waiting to set it.
   */
  public static Cancellation until(long deadlineNanos) {
    return new Cancellation(deadlineNanos);
  }

  /** Sets the flag; the work polling it stops at its next check. */
  public void cancel() {
    if (this != NONE) {
      cancelled = true;
    }
  }

  public boolean isCancelled() {
    return cancelled || (hasDeadline && System.nanoTime() - deadlineNanos > 0);
  }

  /** Throws when cancelled; call between units of work. */
  public void check() {
    if (isCancelled()) {
      throw new CancellationException("cancelled");
    }
  }
}
