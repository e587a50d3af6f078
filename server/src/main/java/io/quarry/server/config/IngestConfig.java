package io.quarry.server.config;

import java.time.Duration;

/**
 * The {@code ingest.*} keys: asynchronous ingestion through {@code POST /v1/ingest}.
 *
 * @param enabled {@code ingest.enabled}: whether the job endpoints and their worker run
 * @param maxDocuments {@code ingest.max_documents}: most documents in one submission
 * @param queueDocuments {@code ingest.queue_documents}: most documents waiting in all jobs
 *     together; a submission past it is answered 429, so the backlog is bounded on disk and the
 *     heap never holds it (queued jobs stay on disk until the worker takes them)
 * @param batch {@code ingest.batch}: documents the worker embeds, writes and commits at a time;
 *     also what a crash can make it redo
 * @param attempts {@code ingest.retry.attempts}: tries of a failing batch before its documents
 *     are tried one by one, and a document that fails once more goes to the dead letters
 * @param backoff {@code ingest.retry.backoff_ms}: the first wait between tries, doubled each time
 * @param retention {@code ingest.jobs.retention_hours}: finished jobs older than this are pruned
 * @param maxFinished {@code ingest.jobs.max_finished}: at most this many finished jobs are kept
 * @param idempotencyTtl {@code ingest.idempotency.ttl_hours}: how long an {@code
 *     Idempotency-Key} names its job (24 hours, as the IETF draft suggests)
 * @param stallAfter {@code ingest.stall_after_s}: pending work with nothing indexed for this long
 *     makes the server report {@code degraded}
 */
public record IngestConfig(boolean enabled, int maxDocuments, int queueDocuments, int batch, int attempts,
    Duration backoff, Duration retention, int maxFinished, Duration idempotencyTtl, Duration stallAfter) {

  public static final IngestConfig DEFAULT = new IngestConfig(true, 10_000, 100_000, 32, 3,
      Duration.ofMillis(250), Duration.ofDays(7), 1_000, Duration.ofHours(24), Duration.ofMinutes(5));

  static IngestConfig from(Settings s) {
    IngestConfig d = DEFAULT;
    int maxDocuments = s.integer("ingest.max_documents", d.maxDocuments(), 1, 1_000_000);
    int queue = s.integer("ingest.queue_documents", d.queueDocuments(), 1, 100_000_000);
    if (queue < maxDocuments) {
      throw new IllegalArgumentException("illegal ingest.queue_documents: " + queue
          + " is less than ingest.max_documents (" + maxDocuments + "), so a full submission could never be accepted");
    }
    return new IngestConfig(
        s.bool("ingest.enabled", d.enabled()),
        maxDocuments,
        queue,
        s.integer("ingest.batch", d.batch(), 1, 10_000),
        s.integer("ingest.retry.attempts", d.attempts(), 1, 100),
        Duration.ofMillis(s.longValue("ingest.retry.backoff_ms", d.backoff().toMillis(), 0, 600_000)),
        Duration.ofHours(s.longValue("ingest.jobs.retention_hours", d.retention().toHours(), 1, 24L * 3650)),
        s.integer("ingest.jobs.max_finished", d.maxFinished(), 1, 10_000_000),
        Duration.ofHours(s.longValue("ingest.idempotency.ttl_hours", d.idempotencyTtl().toHours(), 1, 24L * 365)),
        Duration.ofSeconds(s.longValue("ingest.stall_after_s", d.stallAfter().toSeconds(), 1, 7 * 86_400)));
  }
}
