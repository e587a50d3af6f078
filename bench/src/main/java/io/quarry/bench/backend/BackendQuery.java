package io.quarry.bench.backend;

import io.quarry.bench.data.BenchQuery;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything the engine is told about one benchmark query. Deliberately without the category
 * label and without the quiz date: in {@code auto} mode the engine must route from the text and
 * {@code as_of} alone, as it would for a real user (BENCHMARK.md).
 *
 * @param text the query text, not blank
 * @param k number of hits wanted, 1..1000
 * @param mode the mode to run
 * @param asOf the day to treat as "now", or null for none
 */
public record BackendQuery(String text, int k, BenchMode mode, LocalDate asOf) {

  /** Hits the runner asks for: the TREC run keeps the top 100. */
  public static final int RUN_DEPTH = 100;

  public BackendQuery {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(mode, "mode");
    if (text.isBlank()) {
      throw new IllegalArgumentException("illegal query: must not be empty");
    }
    if (k < 1 || k > 1000) {
      throw new IllegalArgumentException("illegal k: " + k + ", must be in 1..1000");
    }
  }

  /**
   * The engine's view of a benchmark query: its text and its {@code as_of} day when it has one
   * (never its category, never the quiz date of a query without {@code as_of}), {@link #RUN_DEPTH}
   * hits.
   */
  public static BackendQuery of(BenchQuery query, BenchMode mode) {
    return new BackendQuery(query.text(), RUN_DEPTH, mode, query.asOf());
  }
}
