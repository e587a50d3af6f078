package io.quarry.core.search.deep;

/**
 * The final score of a reranked hit: the cross-encoder's score and the first stage's fused score,
 * each scaled to {@code [0, 1]} over the window (min-max, so neither score's units matter), mixed
 * with the cross-encoder's share {@code weight}:
 * {@code weight * ce' + (1 - weight) * fused'}.
 *
 * <p>Weight 1 orders by the cross-encoder alone; 0 keeps the fused order. A model trained on a
 * few hundred questions can be weaker alone than the hybrid it reranks, so {@code rerank train}
 * chooses the weight on its validation slice with this same function and stores it with the model.
 */
public final class RerankBlend {

  private RerankBlend() {}

  /**
   * The blended scores, in input order, each in {@code [0, 1]}.
   *
   * @param rerank the cross-encoder's scores
   * @param fused the first stage's scores of the same hits
   * @param weight the cross-encoder's share, in {@code [0, 1]}
   * @throws IllegalArgumentException if the lengths differ or the weight is out of range
   */
  public static double[] scores(float[] rerank, double[] fused, double weight) {
    if (rerank.length != fused.length) {
      throw new IllegalArgumentException("illegal blend: " + rerank.length + " rerank scores for "
          + fused.length + " fused scores");
    }
    checkWeight(weight);
    double[] ce = new double[rerank.length];
    for (int i = 0; i < ce.length; i++) {
      ce[i] = rerank[i];
    }
    double[] a = unit(ce);
    double[] b = unit(fused);
    double[] out = new double[a.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = weight * a[i] + (1 - weight) * b[i];
    }
    return out;
  }

  /** Checks a cross-encoder share; the message names {@code rerank.weight}. */
  private static void checkWeight(double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("illegal rerank.weight: " + weight + ", must be in [0, 1]");
    }
  }

  /** Min-max scaling to {@code [0, 1]}; all zeros when every value is the same. */
  private static double[] unit(double[] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double[] out = new double[v.length];
    double span = max - min;
    if (!(span > 0)) {
      return out;
    }
    for (int i = 0; i < v.length; i++) {
      out[i] = (v[i] - min) / span;
    }
    return out;
  }
}
