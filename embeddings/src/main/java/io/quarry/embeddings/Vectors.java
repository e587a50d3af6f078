package io.quarry.embeddings;

/**
 * Small vector helpers shared by the encoders. Pure functions; thread-safe.
 */
public final class Vectors {

  private Vectors() {}

  /**
   * Scales {@code v} in place to unit L2 length and returns it. The norm is accumulated in double
   * so that the result is within about 1e-7 of length one.
   *
   * @throws EmbeddingException if the vector is zero or not finite (no direction to keep)
   */
  public static float[] normalizeInPlace(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (!(sum > 0) || Double.isInfinite(sum)) {
      throw new EmbeddingException("cannot normalise a zero or non-finite vector (squared norm " + sum + ")");
    }
    double inv = 1.0 / Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * inv);
    }
    return v;
  }

  /** Dot product, accumulated in double; equals cosine similarity for unit vectors. */
  public static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("illegal vectors: lengths " + a.length + " and " + b.length + " differ");
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  /** Largest absolute difference between two vectors of equal length. */
  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("illegal vectors: lengths " + a.length + " and " + b.length + " differ");
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i]));
    }
    return max;
  }
}
