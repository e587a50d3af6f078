package io.quarry.core.fusion;

import java.util.List;
import java.util.Map;

/**
 * Normalised score combination: each leg's raw scores are min-max scaled to [0, 1] over the top
 * {@link #NORMALIZATION_DEPTH} of the leg's own list (lower entries clamp to 0), then summed with
 * per-leg weights (legs not listed get weight 1). A key missing from a leg gets 0 from it. A leg
 * whose scores are all equal scales them to 1.
 *
 * <p>The fixed depth makes the result independent of how many candidates a leg returned: the
 * deep path's larger pools normalise exactly as the fast path's.
 *
 * <p>Unlike RRF it keeps score gaps (a clear BM25 winner stays clear), at the price of depending
 * on each leg's score distribution.
 */
public final class ScoreFusion extends Fusion {

  /** Entries of each list the min-max range is taken over. */
  public static final int NORMALIZATION_DEPTH = 100;

  private final Map<String, Double> weights;
  private final double defaultWeight;

  public ScoreFusion(Map<String, Double> weights) {
    this(weights, 1.0);
  }

  /** Fusion where legs not in {@code weights} weigh {@code defaultWeight}. */
  public ScoreFusion(Map<String, Double> weights, double defaultWeight) {
    if (!(defaultWeight >= 0) || Double.isInfinite(defaultWeight)) {
      throw new IllegalArgumentException("illegal default weight: " + defaultWeight + ", must be >= 0");
    }
    this.defaultWeight = defaultWeight;
    weights.forEach((leg, w) -> {
      if (!(w >= 0) || w.isInfinite()) {
        throw new IllegalArgumentException("illegal weight for leg " + leg + ": " + w + ", must be >= 0");
      }
    });
    this.weights = Map.copyOf(weights);
  }

  @Override
  protected Contribution contributions(List<RankedList> lists) {
    double[][] r = new double[lists.size()][2];
    for (int i = 0; i < lists.size(); i++) {
      List<Candidate> cs = lists.get(i).candidates();
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Candidate c : cs.subList(0, Math.min(NORMALIZATION_DEPTH, cs.size()))) {
        min = Math.min(min, c.score());
        max = Math.max(max, c.score());
      }
      r[i][0] = min;
      r[i][1] = max;
    }
    return (listIndex, list, rank, score) -> {
      double span = r[listIndex][1] - r[listIndex][0];
      double scaled = span > 0 ? Math.max(0, (score - r[listIndex][0]) / span) : 1.0;
      return weights.getOrDefault(list.leg(), defaultWeight) * scaled;
    };
  }

  @Override
  public String describe() {
    return "score(minmax, weights=" + new java.util.TreeMap<>(weights)
        + (defaultWeight == 1.0 ? "" : ", others=" + defaultWeight) + ")";
  }
}
