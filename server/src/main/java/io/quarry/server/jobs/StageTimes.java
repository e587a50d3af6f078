package io.quarry.server.jobs;

/**
 * Where a job's time went, in nanoseconds summed over its batches.
 *
 * @param embed in the passage encoder
 * @param extract in the knowledge graph's extraction
 * @param index writing and committing the index
 */
public record StageTimes(long embed, long extract, long index) {

  public static final StageTimes ZERO = new StageTimes(0, 0, 0);

  public StageTimes plus(long embed, long extract, long index) {
    return new StageTimes(this.embed + embed, this.extract + extract, this.index + index);
  }
}
