package io.quarry.server.jobs;

/**
 * A job's documents by outcome.
 *
 * @param total documents and deletions in the job
 * @param indexed written (new or changed)
 * @param unchanged skipped: the index held the same content (or, for a deletion, no such document)
 * @param failed put in the dead-letter store
 * @param deleted removed from the index and the graph
 * @param passages passages written
 */
public record JobCounts(int total, int indexed, int unchanged, int failed, int deleted, int passages) {

  public static JobCounts of(int total) {
    return new JobCounts(total, 0, 0, 0, 0, 0);
  }

  /** Items with an outcome so far. */
  public int done() {
    return indexed + unchanged + failed + deleted;
  }

  public JobCounts plus(int indexed, int unchanged, int failed, int deleted, int passages) {
    return new JobCounts(total, this.indexed + indexed, this.unchanged + unchanged,
        this.failed + failed, this.deleted + deleted, this.passages + passages);
  }
}
