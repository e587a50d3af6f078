package io.quarry.core.spi;

/**
 * Turns a search query into a unit-length vector in the same space as {@link PassageEncoder}'s
 * output. Any model-specific query instruction (bge's "Represent this sentence for searching
 * relevant passages: ") is added by the implementation, never by callers.
 *
 * <p>Implementations are thread-safe.
 */
public interface QueryEncoder {

  /** Stable id of the model and its settings, e.g. {@code bge-small-en-v1.5-q}; part of cache keys. */
  String modelId();

  /** Length of every vector this encoder returns. */
  int dimension();

  /**
   * Encodes one query.
   *
   * @return a unit-length vector of {@link #dimension()} floats
   */
  float[] encodeQuery(String query);
}
