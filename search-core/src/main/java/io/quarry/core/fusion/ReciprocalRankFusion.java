package io.quarry.core.fusion;

import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion (Cormack et al., 2009): {@code score(d) = sum over legs of
 * w_leg / (k + rank_leg(d))} with 1-based ranks. Legs not listed in the weights get weight 1.
 *
 * <p>Uses ranks only, so legs with incomparable score scales fuse without calibration.
 */
public final class ReciprocalRankFusion extends Fusion {

  /** The constant from the original paper, and the default almost everywhere since. */
  public static final int DEFAULT_K = 60;

  private final int k;
  private final Map<String, Double> weights;
  private final double defaultWeight;

  public ReciprocalRankFusion(int k, Map<String, Double> weights) {
    this(k, weights, 1.0);
  }

  /** Fusion where legs not in {@code weights} weigh {@code defaultWeight}. */
  public ReciprocalRankFusion(int k, Map<String, Double> weights, double defaultWeight) {
    if (!(defaultWeight >= 0) || Double.isInfinite(defaultWeight)) {
      throw new IllegalArgumentException("illegal default weight: " + defaultWeight + ", must be >= 0");
    }
    this.defaultWeight = defaultWeight;
    if (k < 0 || k > 10_000) {
      throw new IllegalArgumentException("illegal rrf k: " + k + ", must be in 0..10000");
    }
    weights.forEach((leg, w) -> {
      if (!(w >= 0) || w.isInfinite()) {
        throw new IllegalArgumentException("illegal weight for leg " + leg + ": " + w + ", must be >= 0");
      }
    });
    this.k = k;
    this.weights = Map.copyOf(weights);
  }

  @Override
  protected Contribution contributions(List<RankedList> lists) {
    return (listIndex, list, rank, score) -> weights.getOrDefault(list.leg(), defaultWeight) / (k + rank);
  }

  @Override
  public String describe() {
    return "rrf(k=" + k + ", weights=" + new java.util.TreeMap<>(weights)
        + (defaultWeight == 1.0 ? "" : ", others=" + defaultWeight) + ")";
  }
}
