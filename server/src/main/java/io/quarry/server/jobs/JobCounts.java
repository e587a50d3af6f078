package io.quarry.server.jobs;

/**
 * A job's documents by outcome.
 *
 * @param total documents in the job
 * @param indexed written (new or changed)
 * @param unchanged skipped: the index held the same content
 * @param failed put in the dead-letter store
 * @param passages passages written
 */
public record JobCounts(int total, int indexed, int unchanged, int failed, int passages) {

  public static JobCounts of(int total) {
    return new JobCounts(total, 0, 0, 0, 0);
  }

  /** Documents with an outcome so far. */
  public int done() {
    return indexed + unchanged + failed;
  }

  public JobCounts plus(int indexed, int unchanged, int failed, int passages) {
    return new JobCounts(total, this.indexed + indexed, this.unchanged + unchanged,
        this.failed + failed, this.passages + passages);
  }
}
