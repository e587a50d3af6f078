package io.quarry.server.jobs;

import java.util.Locale;

/** Where a job is. The last four are final: a finished job never changes again. */
public enum JobState {
  /** Accepted and durable; waiting for the worker. */
  QUEUED,
  /** The worker is applying it. */
  RUNNING,
  /** Every document indexed or unchanged. */
  SUCCEEDED,
  /** Some documents indexed, some in the dead-letter store. */
  PARTIAL,
  /** No document indexed: every one is in the dead-letter store. */
  FAILED,
  /** Cancelled before it finished; what was indexed before stays. */
  CANCELLED;

  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }

  /** The wire name: {@code queued}, {@code running}, ... */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the accepted names
   */
  public static JobState parse(String s) {
    for (JobState st : values()) {
      if (st.wire().equals(s)) {
        return st;
      }
    }
    throw new IllegalArgumentException("'" + s + "' is not a job state: queued, running, succeeded,"
        + " partial, failed or cancelled");
  }
}
