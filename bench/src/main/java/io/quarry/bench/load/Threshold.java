package io.quarry.bench.load;

import io.quarry.bench.backend.BenchMode;
import java.util.Objects;

/**
 * What a rate must hold to count as sustained: {@code mode}'s P99 (corrected, from the schedule)
 * below {@code p99Ms}, and no errors in that mode.
 *
 * @param mode the mode judged ({@code fast} by default)
 * @param p99Ms the bound, above 0
 */
public record Threshold(BenchMode mode, double p99Ms) {

  public static final double DEFAULT_P99_MS = 100;

  public Threshold {
    Objects.requireNonNull(mode, "mode");
    if (!(p99Ms > 0) || Double.isInfinite(p99Ms)) {
      throw new IllegalArgumentException("illegal P99 threshold: " + p99Ms + " ms, must be above 0");
    }
  }

  /** Whether {@code run} holds it: the mode ran, every request of it was answered, P99 below. */
  public boolean heldBy(LoadRun run) {
    ModeStats m = run.mode(mode.wireName());
    return m != null && m.ok() > 0 && m.errors() == 0 && m.latency().p99Ms() < p99Ms;
  }
}
