package io.quarry.core.eval;

/**
 * How a relevance grade turns into the gain nDCG sums.
 *
 * <p>{@link #LINEAR} is trec_eval's {@code ndcg_cut} ("gain values are the relevance values in
 * the qrels file") and is what the benchmark reports. {@link #EXPONENTIAL} ({@code 2^grade - 1},
 * Burges et al.) exists only to reproduce numbers published with it; for binary judgments the two
 * agree.
 */
public enum Gain {
  /** gain = grade (trec_eval). */
  LINEAR,
  /** gain = 2^grade - 1. */
  EXPONENTIAL;

  /** The gain of a grade; 0 for grades &le; 0. */
  public double of(int grade) {
    if (grade <= 0) {
      return 0.0;
    }
    return this == LINEAR ? grade : Math.pow(2.0, grade) - 1.0;
  }
}
