package io.quarry.core.dag;

import java.util.concurrent.TimeoutException;

/**
 * Reads failures: tells a timeout from other failures, so a dependency's timeout is reported as a
 * timeout, and says what happened in a few words.
 */
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

  /**
   * {@code t} in a few words: its type and message ({@code IOException: refused}), or only the
   * message of a plain {@link TimeoutException}, which says what ran out.
   */
  public static String describe(Throwable t) {
    if (t.getClass() == TimeoutException.class && t.getMessage() != null) {
      return t.getMessage();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
