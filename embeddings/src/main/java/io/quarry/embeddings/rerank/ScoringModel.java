package io.quarry.embeddings.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One loaded cross-encoder: scores a right-padded batch of token ids. Implementations are
 * thread-safe after the first call (the reranker's warm-up makes that call).
 */
interface ScoringModel extends AutoCloseable {

  /** The manager batches are created under (their sub-managers), on the model's device. */
  NDManager manager();

  /**
   * Scores one batch. All three arrays are {@code [batch, seq]} int64 on the model's device; the
   * result is {@code [batch]} float32 and belongs to the inputs' manager.
   */
  NDArray score(NDArray ids, NDArray mask, NDArray types);

  /** The format that was loaded, for logs: {@code safetensors} or {@code torchscript}. */
  String format();

  /** Longest pair (in tokens) the model accepts, or {@link Integer#MAX_VALUE} if unknown. */
  int maxTokens();

  @Override
  void close();
}
