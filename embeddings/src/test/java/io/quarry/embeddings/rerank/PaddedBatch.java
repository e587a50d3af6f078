package io.quarry.embeddings.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.quarry.embeddings.onnx.Tokens;
import java.util.Arrays;
import java.util.List;

/** A right-padded batch of tokenized pairs as flat row-major arrays. Test fixture. */
record PaddedBatch(int rows, int seq, long[] ids, long[] mask, long[] types) {

  static PaddedBatch of(List<Tokens> tokens, long padId) {
    int rows = tokens.size();
    int seq = tokens.stream().mapToInt(Tokens::length).max().orElseThrow();
    long[] ids = new long[rows * seq];
    long[] mask = new long[rows * seq];
    long[] types = new long[rows * seq];
    Arrays.fill(ids, padId);
    for (int r = 0; r < rows; r++) {
      Tokens t = tokens.get(r);
      System.arraycopy(t.ids(), 0, ids, r * seq, t.length());
      System.arraycopy(t.typeIds(), 0, types, r * seq, t.length());
      Arrays.fill(mask, r * seq, r * seq + t.length(), 1L);
    }
    return new PaddedBatch(rows, seq, ids, mask, types);
  }

  PaddedBatch withZeroTypes() {
    return new PaddedBatch(rows, seq, ids, mask, new long[types.length]);
  }

  Shape shape() {
    return new Shape(rows, seq);
  }

  NDArray ids(NDManager m) {
    return m.create(ids, shape());
  }

  NDArray mask(NDManager m) {
    return m.create(mask, shape());
  }

  NDArray types(NDManager m) {
    return m.create(types, shape());
  }

  boolean attended(int row, int position) {
    return mask[row * seq + position] == 1;
  }
}
