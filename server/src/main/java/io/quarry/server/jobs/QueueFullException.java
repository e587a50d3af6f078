package io.quarry.server.jobs;

/** The queue holds as many documents as {@code ingest.queue_documents} allows: answer 429. */
public final class QueueFullException extends RuntimeException {

  private final long retryAfterSeconds;

  QueueFullException(String detail, long retryAfterSeconds) {
    super(detail);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** When the worker has likely made room, for the {@code Retry-After} header. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
