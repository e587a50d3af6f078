package io.quarry.core.spi;

import java.util.List;

/**
 * Turns passages into unit-length vectors. Batch calls are the fast path: implementations are
 * free to reorder and batch internally but return vectors in input order.
 *
 * <p>Implementations are thread-safe.
 */
public interface PassageEncoder {

  /** Stable id of the model and its settings; passages embedded by different ids never mix. */
  String modelId();

  /** Length of every vector this encoder returns. */
  int dimension();

  /**
   * Encodes passages.
   *
   * @return one unit-length vector per passage, in input order
   */
  List<float[]> encodePassages(List<String> passages);
}
