package io.quarry.embeddings.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.quarry.embeddings.onnx.Tokens;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenized pairs right-padded to the longest: {@code [rows, seq]} ids (padded with the pad id),
 * attention mask (0 on padding) and token types, as the forward pass takes them.
 */
record TokenBatch(long[] ids, long[] mask, long[] types, Shape shape) {

  static TokenBatch of(List<Tokens> rows, long padId) {
    int n = rows.size();
    int seq = rows.stream().mapToInt(Tokens::length).max().orElseThrow();
    long[] ids = new long[n * seq];
    long[] mask = new long[n * seq];
    long[] types = new long[n * seq];
    Arrays.fill(ids, padId);
    for (int r = 0; r < n; r++) {
      Tokens t = rows.get(r);
      System.arraycopy(t.ids(), 0, ids, r * seq, t.length());
      System.arraycopy(t.typeIds(), 0, types, r * seq, t.length());
      Arrays.fill(mask, r * seq, r * seq + t.length(), 1L);
    }
    return new TokenBatch(ids, mask, types, new Shape(n, seq));
  }

  NDArray ids(NDManager m) {
    return m.create(ids, shape);
  }

  NDArray mask(NDManager m) {
    return m.create(mask, shape);
  }

  NDArray types(NDManager m) {
    return m.create(types, shape);
  }
}
