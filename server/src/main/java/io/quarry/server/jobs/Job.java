package io.quarry.server.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one ingest job. Immutable: the worker replaces a job's snapshot as it moves.
 *
 * @param id the job id, as {@code GET /v1/jobs/{id}} takes it
 * @param seq the order of acceptance: the worker runs jobs in this order
 * @param origin who submitted it: {@code api}, {@code dead-letters}, {@code connector:<name>}
 * @param state where it is
 * @param counts its documents by outcome
 * @param times where its time went
 * @param errors the first {@link #MAX_ERRORS} documents that failed, with why
 * @param enqueuedAt when it was accepted
 * @param startedAt when the worker first took it, or null
 * @param finishedAt when it reached a final state, or null
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 * @param bodyHash SHA-256 of the request body (what a retry with the same key must match), or
 *     null when it has no key
 */
public record Job(
    String id,
    long seq,
    String origin,
    JobState state,
    JobCounts counts,
    StageTimes times,
    List<JobError> errors,
    Instant enqueuedAt,
    Instant startedAt,
    Instant finishedAt,
    String idempotencyKey,
    String bodyHash) {

  /** Errors a job keeps; the dead-letter store has them all. */
  public static final int MAX_ERRORS = 10;

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    errors = List.copyOf(errors);
  }

  /** A new job, queued. */
  static Job queued(String id, long seq, String origin, int total, Instant now, String key, String bodyHash) {
    return new Job(id, seq, origin, JobState.QUEUED, JobCounts.of(total), StageTimes.ZERO, List.of(), now,
        null, null, key, bodyHash);
  }

  Job withState(JobState s, Instant now) {
    return new Job(id, seq, origin, s, counts, times, errors, enqueuedAt,
        s == JobState.RUNNING && startedAt == null ? now : startedAt,
        s.finished() ? now : null, idempotencyKey, bodyHash);
  }

  /** The same job having made progress: counts, times and errors replaced. */
  Job withProgress(JobCounts c, StageTimes t, List<JobError> e) {
    return new Job(id, seq, origin, state, c, t, e, enqueuedAt, startedAt, finishedAt, idempotencyKey, bodyHash);
  }

  /** This job's errors with {@code more} appended, up to {@link #MAX_ERRORS}. */
  List<JobError> errorsPlus(List<JobError> more) {
    List<JobError> all = new ArrayList<>(errors);
    for (JobError e : more) {
      if (all.size() < MAX_ERRORS) {
        all.add(e);
      }
    }
    return all;
  }

  /** Documents not yet given an outcome. */
  int remaining() {
    return state.finished() ? 0 : counts.total() - counts.done();
  }

  /** The share of documents with an outcome, 0 to 1. */
  public double progress() {
    return counts.total() == 0 ? 1.0 : (double) counts.done() / counts.total();
  }

  /** The final state for these counts: succeeded, partial or failed. */
  JobState outcome() {
    if (counts.failed() == 0) {
      return JobState.SUCCEEDED;
    }
    return counts.indexed() + counts.unchanged() + counts.deleted() > 0 ? JobState.PARTIAL : JobState.FAILED;
  }
}
