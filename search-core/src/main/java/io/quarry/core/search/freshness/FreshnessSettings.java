package io.quarry.core.search.freshness;

import io.quarry.core.time.FreshnessStrategy;

/**
 * Freshness and temporal search, fixed at start-up; a request may pick another strategy.
 *
 * @param strategy what time-sensitive queries get when the request does not say
 * @param windowDays length of the recent window, ending on the as-of day (inclusive)
 * @param maxWindowDays {@link FreshnessStrategy#VECTOR_DATE_FILTER} doubles its window up to this
 *     many days, then searches all time
 * @param minHits the window is widened while fewer documents than this match the query in it
 * @param halfLifeDays {@link FreshnessStrategy#RECENCY_DECAY}'s half-life
 * @param recentWeight {@link FreshnessStrategy#DUAL_PASS}'s fusion weight of the recent pass (the
 *     all-time legs keep their own weights)
 * @param undated what time-sensitive searches do with undated documents
 * @param timeExpressions whether time expressions are read from the query text
 * @param explicitAsOfIsSignal whether a request that sets {@code as_of} counts as time-sensitive
 *     (a client that dates its question asks about that time); the default "now" never does
 */
public record FreshnessSettings(
    FreshnessStrategy strategy,
    int windowDays,
    int maxWindowDays,
    int minHits,
    double halfLifeDays,
    double recentWeight,
    Undated undated,
    boolean timeExpressions,
    boolean explicitAsOfIsSignal) {

  /** Defaults; the README's "Freshness" section gives the measurements behind them. */
  public static final FreshnessSettings DEFAULT = new FreshnessSettings(
      FreshnessStrategy.VECTOR_DATE_FILTER, 14, 3650, 10, 14.0, 1.0, Undated.KEEP, true, true);

  public FreshnessSettings {
    if (windowDays < 1) {
      throw new IllegalArgumentException("illegal window days: " + windowDays + ", must be >= 1");
    }
    if (maxWindowDays < windowDays) {
      throw new IllegalArgumentException("illegal max window days: " + maxWindowDays
          + ", must be >= the window (" + windowDays + ")");
    }
    if (minHits < 1) {
      throw new IllegalArgumentException("illegal min hits: " + minHits + ", must be >= 1");
    }
    if (!(halfLifeDays > 0)) {
      throw new IllegalArgumentException("illegal half-life: " + halfLifeDays + " days, must be > 0");
    }
    if (!(recentWeight >= 0)) {
      throw new IllegalArgumentException("illegal recent weight: " + recentWeight + ", must be >= 0");
    }
  }

  /** The rule for undated documents in time-sensitive searches. */
  public enum Undated {
    /**
     * Kept out of every recent window, kept in all-time passes, and ranked after every dated
     * document under a decay (their age is unknown, so they cannot be shown to be fresh).
     */
    KEEP,
    /** Left out of time-sensitive searches altogether. */
    EXCLUDE;

    public static Undated parse(String name) {
      return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "keep" -> KEEP;
        case "exclude" -> EXCLUDE;
        default -> throw new IllegalArgumentException("illegal undated rule: '" + name + "', must be one of keep, exclude");
      };
    }
  }
}
