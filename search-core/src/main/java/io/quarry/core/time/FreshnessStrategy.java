package io.quarry.core.time;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a time-sensitive search prefers recent documents. Every strategy respects {@code as_of}
 * (nothing dated after it is returned); they differ in how they treat the recent past.
 */
public enum FreshnessStrategy {
  /** No preference: rank by relevance among everything up to {@code as_of}. */
  NONE("none"),
  /**
   * Every leg searches only a recent window ending at {@code as_of}; when the window holds fewer
   * than {@link FreshnessSettings#minHits()} matching documents it is doubled, step by step, up to
   * {@link FreshnessSettings#maxWindowDays()}, and then all time is searched.
   */
  VECTOR_DATE_FILTER("vector_date_filter"),
  /**
   * Two passes fused: the legs over all time, and the legs again over the recent window (the
   * {@code freshness} leg), which adds its weight to the documents it finds.
   */
  DUAL_PASS("dual_pass"),
  /**
   * After fusion, each score is multiplied by {@code 0.5^(age / half-life)}; only for
   * time-sensitive queries.
   */
  RECENCY_DECAY("recency_decay");

  private final String wireName;

  FreshnessStrategy(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in configuration, requests and responses. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static FreshnessStrategy parse(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (FreshnessStrategy s : values()) {
      if (s.wireName.equals(n)) {
        return s;
      }
    }
    throw new IllegalArgumentException("illegal freshness strategy: '" + name + "', must be one of "
        + Arrays.stream(values()).map(FreshnessStrategy::wireName).collect(Collectors.joining(", ")));
  }
}
