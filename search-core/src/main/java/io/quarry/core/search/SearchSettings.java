package io.quarry.core.search;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How searches run, fixed at start-up. Requests can narrow it (fewer legs, smaller k) but never
 * switch on what it switches off.
 *
 * @param fusion how leg lists are merged
 * @param rrfK the RRF constant
 * @param weights per-leg fusion weights (legs not listed get 1.0)
 * @param candidates how many candidates each leg returns before fusion (at least {@code k} is
 *     always used)
 * @param legs the legs that may run
 * @param timeout the fast path's budget: legs not done by then are dropped and the response is
 *     marked partial
 */
public record SearchSettings(
    FusionMethod fusion,
    int rrfK,
    Map<String, Double> weights,
    int candidates,
    Set<String> legs,
    Duration timeout) {

  /**
   * Min-max score fusion: on SciFact train and the HotpotQA and MuSiQue tuning sets it beat RRF
   * (k=60) by +0.013, 0.000 and +0.050 nDCG@10 (README, "Choosing the defaults"): RRF gives the
   * much weaker BM25 list of the multi-hop sets as much say as the vector list.
   */
  public static final FusionMethod DEFAULT_FUSION = FusionMethod.SCORE;

  /**
   * The vector leg counts 1.5 times BM25: better than 1.0 on all three tuning sets (+0.007,
   * +0.003, +0.008 nDCG@10), and as good as 2.0 (SciFact peaks at 1.5).
   */
  public static final Map<String, Double> DEFAULT_WEIGHTS = Map.of("bm25", 1.0, "vector", 1.5);

  public static final int DEFAULT_CANDIDATES = 100;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1000);

  public SearchSettings {
    if (candidates < 1 || candidates > 10_000) {
      throw new IllegalArgumentException("illegal candidates: " + candidates + ", must be in 1..10000");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("illegal timeout: " + timeout + ", must be positive");
    }
    weights = Map.copyOf(weights);
    legs = Set.copyOf(legs);
  }

  /** The two fusion methods. */
  public enum FusionMethod {
    RRF,
    SCORE;

    public static FusionMethod parse(String name) {
      return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "rrf" -> RRF;
        case "score" -> SCORE;
        default -> throw new IllegalArgumentException(
            "illegal fusion: '" + name + "', must be one of rrf, score");
      };
    }
  }
}
