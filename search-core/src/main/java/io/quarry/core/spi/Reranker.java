package io.quarry.core.spi;

import java.util.List;

/**
 * Scores (query, passage) pairs jointly, e.g. a BERT cross-encoder: slower and sharper than the
 * bi-encoder that found the candidates, so it only sees the top of the fused list (the rerank
 * window).
 *
 * <p>Implementations are thread-safe, batch internally, and stop between batches when the calling
 * thread is interrupted (throwing {@link java.util.concurrent.CancellationException}), so a deadline
 * can take the time back.
 */
public interface Reranker extends AutoCloseable {

  /** Stable id of the model, e.g. the checkpoint directory name. */
  String modelId();

  /** Where inference runs, e.g. {@code cpu} or {@code gpu(0)}; chosen once at start-up. */
  String device();

  /**
   * Scores each passage against the query.
   *
   * @return one score per passage, in input order; higher is more relevant
   */
  float[] score(String query, List<String> passages);

  /**
   * The cross-encoder's share of a reranked hit's final score, in {@code [0, 1]}; the rest is the
   * first stage's fused score (see {@code RerankBlend}). 1, the default, orders by the
   * cross-encoder alone; a trained model stores the share its validation chose.
   */
  default double blendWeight() {
    return 1.0;
  }

  /** Releases native resources; the reranker must not be used afterwards. */
  @Override
  void close();
}
