package io.quarry.bench.compare;

import java.util.Locale;

/** The verdict of {@code compare} for one result row; see {@link Comparison#signal}. */
public enum Signal {
  /** P50 up more than 25% or nDCG@10 down more than 0.01. */
  REGRESSION,
  /** Not a regression, and P50 down more than 25% or nDCG@10 up more than 0.01. */
  IMPROVED,
  /** Neither. */
  STABLE,
  /** The row exists only in the new run. */
  ADDED,
  /** The row exists only in the old run. */
  REMOVED;

  /** Lower-case name as printed. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
