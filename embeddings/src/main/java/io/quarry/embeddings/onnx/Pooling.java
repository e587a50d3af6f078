package io.quarry.embeddings.onnx;

import java.nio.FloatBuffer;

/**
 * How one vector is made from a sequence's token vectors (the model's {@code last_hidden_state}).
 * Pure functions over a flat {@code [batch, sequence, hidden]} buffer; thread-safe.
 */
public enum Pooling {

  /** The first ([CLS]) token's vector, as bge models are trained. */
  CLS {
    @Override
    float[] pool(FloatBuffer hidden, int row, int seqLen, int dim, long[] mask) {
      float[] out = new float[dim];
      hidden.get(row * seqLen * dim, out);
      return out;
    }
  },

  /**
   * The mean of the vectors whose attention mask is 1 (special tokens included, padding excluded),
   * as sentence-transformers' MiniLM models are trained.
   */
  MEAN {
    @Override
    float[] pool(FloatBuffer hidden, int row, int seqLen, int dim, long[] mask) {
      float[] sum = new float[dim];
      int count = 0;
      for (int t = 0; t < seqLen; t++) {
        if (mask[row * seqLen + t] == 0) {
          continue;
        }
        int base = (row * seqLen + t) * dim;
        for (int h = 0; h < dim; h++) {
          sum[h] += hidden.get(base + h);
        }
        count++;
      }
      for (int h = 0; h < dim; h++) {
        sum[h] /= Math.max(1, count);
      }
      return sum;
    }
  };

  /**
   * Pools one row of a batch.
   *
   * @param hidden token vectors, row-major {@code [batch, seqLen, dim]}
   * @param row the row (text) within the batch
   * @param mask the batch's attention mask, row-major {@code [batch, seqLen]}
   * @return a new, not yet normalised vector of {@code dim} floats
   */
  abstract float[] pool(FloatBuffer hidden, int row, int seqLen, int dim, long[] mask);

  /** Parses "cls" or "mean", ignoring case. */
  public static Pooling parse(String name) {
    for (Pooling p : values()) {
      if (p.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("illegal pooling: " + name + ", must be one of cls, mean");
  }
}
