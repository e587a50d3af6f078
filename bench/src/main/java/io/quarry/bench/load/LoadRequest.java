package io.quarry.bench.load;

import io.quarry.bench.backend.BackendQuery;
import io.quarry.bench.backend.BenchMode;
import java.util.Objects;

/**
 * One request of a load.
 *
 * @param seq its place in the schedule, from 0
 * @param query what is asked, in which mode
 * @param deadlineMs the {@code deadline_ms} sent with it, or null for the server's default
 */
public record LoadRequest(long seq, BackendQuery query, Integer deadlineMs) {

  public LoadRequest {
    Objects.requireNonNull(query, "query");
    if (deadlineMs != null && deadlineMs < 1) {
      throw new IllegalArgumentException("illegal deadlineMs: " + deadlineMs + ", must be at least 1");
    }
  }

  public BenchMode mode() {
    return query.mode();
  }
}
