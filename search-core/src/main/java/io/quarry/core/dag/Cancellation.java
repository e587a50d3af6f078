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

  /** Sets the flag; the work polling it stops at its next check. */
  public void cancel() {
    if (this != NONE) {
      cancelled = true;
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Throws when cancelled; call between units of work. */
  public void check() {
    if (cancelled) {
      throw new CancellationException("cancelled");
    }
  }
}
