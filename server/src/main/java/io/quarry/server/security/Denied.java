package io.quarry.server.security;

/**
 * A request refused before it ran: 401 (no or a bad key), 403 (a key without the scope) or 429
 * (over the rate, with {@code retryAfterSeconds}).
 */
public final class Denied extends RuntimeException {

  private final int status;
  private final long retryAfterSeconds;

  Denied(int status, String detail, long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
