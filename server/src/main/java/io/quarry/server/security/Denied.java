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

  /** The headers the refusal carries: the challenge of a 401, the wait of a 429. */
  public java.util.Map<String, String> headers() {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
    if (status == 401) {
      h.put("WWW-Authenticate", "Bearer realm=\"quarry\"");
    }
    if (retryAfterSeconds > 0) {
      h.put("Retry-After", Long.toString(retryAfterSeconds));
    }
    return h;
  }
}
