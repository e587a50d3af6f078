package io.quarry.server.http;

/**
 * Bad input from a client: becomes a 4xx problem response whose detail names the field and what
 * would be accepted.
 */
public final class BadRequest extends RuntimeException {

  private final int status;

  public BadRequest(String detail) {
    this(400, detail);
  }

  public BadRequest(int status, String detail) {
    super(detail);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("illegal status: " + status + ", must be 4xx");
    }
    this.status = status;
  }

  public int status() {
    return status;
  }
}
