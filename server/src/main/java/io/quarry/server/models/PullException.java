package io.quarry.server.models;

/**
 * A pull that did not complete, with a message meant for the person at the terminal: what failed,
 * for which file, and what to do next. {@link #unreachable()} tells a hub that cannot be reached
 * (or {@code HF_HUB_OFFLINE}) from a hub that answered with a refusal or wrong bytes.
 */
public final class PullException extends Exception {

  private final boolean unreachable;

  PullException(String message, boolean unreachable, Throwable cause) {
    super(message, cause);
    this.unreachable = unreachable;
  }

  static PullException failed(String message) {
    return new PullException(message, false, null);
  }

  static PullException failed(String message, Throwable cause) {
    return new PullException(message, false, cause);
  }

  /** True when nothing could be fetched because the hub (or its storage) is out of reach. */
  public boolean unreachable() {
    return unreachable;
  }
}
