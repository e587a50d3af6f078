package io.quarry.core.dag;

import java.util.concurrent.TimeoutException;

/** Tells a timeout from other failures, so a dependency's timeout is reported as a timeout. */
public final class Timeouts {

  private Timeouts() {}

  /**
   * True when {@code t} or one of its causes says that something ran out of time: a {@link
   * TimeoutException}, or any exception whose class name ends in {@code TimeoutException}
   * ({@code SocketTimeoutException}, {@code HttpTimeoutException}, a client library's own).
   */
  public static boolean isTimeout(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof TimeoutException || c.getClass().getSimpleName().endsWith("TimeoutException")) {
        return true;
      }
    }
    return false;
  }
}
