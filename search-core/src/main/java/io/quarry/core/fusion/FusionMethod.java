package io.quarry.core.fusion;

import java.util.Locale;
import java.util.Map;

/** The two ways ranked lists are fused; {@link #create} builds the {@link Fusion}. */
public enum FusionMethod {
  /** Weighted reciprocal rank fusion. */
  RRF,
  /** Min-max normalised scores, weighted and summed. */
  SCORE;

  /** The name used in configuration. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The fusion for these weights.
   *
   * @param rrfK the RRF constant (unused by score fusion)
   * @param weights per-list weights, by list name
   * @param defaultWeight the weight of a list not named in {@code weights}
   */
  public Fusion create(int rrfK, Map<String, Double> weights, double defaultWeight) {
    return switch (this) {
      case RRF -> new ReciprocalRankFusion(rrfK, weights, defaultWeight);
      case SCORE -> new ScoreFusion(weights, defaultWeight);
    };
  }

  /**
   * Parses a configuration value.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static FusionMethod parse(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "rrf" -> RRF;
      case "score" -> SCORE;
      default -> throw new IllegalArgumentException(
          "illegal fusion: '" + name + "', must be one of rrf, score");
    };
  }
}
