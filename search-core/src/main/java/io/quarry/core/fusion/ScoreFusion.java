package io.quarry.core.fusion;

import java.util.List;
import java.util.Map;

/**
 * Normalised score combination: each leg's raw scores are min-max scaled to [0, 1] over the
 * leg's own list, then summed with per-leg weights (legs not listed get weight 1). A key missing
 * from a leg gets 0 from it. A leg whose scores are all equal scales them to 1.
 *
 * <p>Unlike RRF it keeps score gaps (a clear BM25 winner stays clear), at the price of depending
 * on each leg's score distribution.
 */
public final class ScoreFusion extends Fusion {

  private final Map<String, Double> weights;

  public ScoreFusion(Map<String, Double> weights) {
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
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Candidate c : lists.get(i).candidates()) {
        min = Math.min(min, c.score());
        max = Math.max(max, c.score());
      }
      r[i][0] = min;
      r[i][1] = max;
    }
    return (listIndex, list, rank, score) -> {
      double span = r[listIndex][1] - r[listIndex][0];
      double scaled = span > 0 ? (score - r[listIndex][0]) / span : 1.0;
      return weights.getOrDefault(list.leg(), 1.0) * scaled;
    };
  }

  @Override
  public String describe() {
    return "score(minmax, weights=" + new java.util.TreeMap<>(weights) + ")";
  }
}
