package io.quarry.server.jobs;

/**
 * An {@code Idempotency-Key} already used with another request body: answer 422, as the IETF
 * httpapi draft says, since a retry must repeat its request exactly.
 */
public final class IdempotencyConflictException extends RuntimeException {

  IdempotencyConflictException(String key, String job) {
    super("the Idempotency-Key '" + key + "' was used for job " + job + " with a different body: "
        + "retry with the same body, or use a new key for a new request");
  }
}
