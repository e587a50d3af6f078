package io.quarry.core.search;

import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.FusionMethod;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How searches run, fixed at start-up. Requests can narrow it (fewer legs, smaller k) but never
 * switch on what it switches off.
 *
 * @param fusion how leg lists are merged
 * @param rrfK the RRF constant
 * @param weights per-leg fusion weights: every leg the engine builds has one (the configuration
 *     reads {@code search.weights.<leg>} for each), so no leg gets a weight nobody chose. The
 *     recent pass and the second hop are weighed by {@code freshness.recent_weight} and {@code
 *     deep.hop2.weight} instead.
 * @param candidates how many candidates each leg returns before fusion (at least {@code k} is
 *     always used)
 * @param legs the legs that may run ({@code search.legs.<leg>}); a leg built but not listed is
 *     reported as disabled
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

  /** The weight a leg's configuration key defaults to when the leg names none of its own. */
  public static final double DEFAULT_LEG_WEIGHT = 1.0;

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

  /**
   * Checks that every leg a path was built with has a weight.
   *
   * @throws IllegalArgumentException naming the first leg without one and the key that sets it
   */
  public void requireWeights(Iterable<String> legNames) {
    for (String leg : legNames) {
      if (!weights.containsKey(leg)) {
        throw new IllegalArgumentException("illegal configuration: leg '" + leg
            + "' has no fusion weight; set search.weights." + leg);
      }
    }
  }

  /** How one set of legs' lists becomes one list, on either path. */
  public Fusion combine() {
    return fusion.create(rrfK, weights, DEFAULT_LEG_WEIGHT);
  }

  /** {@link #combine} over {@code legs} only, so its description names the legs it fuses. */
  public Fusion combine(java.util.Collection<String> legs) {
    return combine(legs, Map.of());
  }

  /** {@link #combine(java.util.Collection)} with more lists weighed: the recent pass, ... */
  public Fusion combine(java.util.Collection<String> legs, Map<String, Double> more) {
    Map<String, Double> some = new java.util.TreeMap<>();
    legs.forEach(l -> some.put(l, weights.getOrDefault(l, DEFAULT_LEG_WEIGHT)));
    more.forEach(some::putIfAbsent);
    return fusion.create(rrfK, some, DEFAULT_LEG_WEIGHT);
  }

}
