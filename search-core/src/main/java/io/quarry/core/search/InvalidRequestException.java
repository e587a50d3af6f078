package io.quarry.core.search;

import java.util.Objects;

/**
 * A request that cannot be answered as asked, and the field to fix: the one exception a server
 * turns into a 4xx. Any other exception while answering is the server's fault.
 */
public final class InvalidRequestException extends IllegalArgumentException {

  private final String field;

  /**
   * @param field the request field at fault, as the client names it ({@code deadline_ms}, {@code k})
   * @param message what is wrong and what would be accepted, naming the field
   */
  public InvalidRequestException(String field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The request field at fault, as the client names it. */
  public String field() {
    return field;
  }
}
