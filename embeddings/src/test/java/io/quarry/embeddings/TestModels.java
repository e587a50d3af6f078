package io.quarry.embeddings;

import io.quarry.embeddings.onnx.OnnxBertEncoder;
import io.quarry.embeddings.onnx.OnnxEncoderConfig;

/**
 * Real encoders shared by the test classes of one JVM (loading a model costs about a second).
 * Never closed: the pool threads are daemons.
 */
public final class TestModels {

  private TestModels() {}

  /**
   * Smallest cosine between a bge vector computed alone and batched with other texts. The int8
   * model's dynamic activation scales span the whole batch; measured worst 0.9960 (41 texts).
   */
  public static final double BGE_MIN_BATCH_COSINE = 0.99;

  /** The same for MiniLM; measured worst 0.9889 (40 texts). */
  public static final double MINILM_MIN_BATCH_COSINE = 0.98;

  private static OnnxBertEncoder bge;
  private static OnnxBertEncoder minilm;

  public static synchronized OnnxBertEncoder bge() {
    if (bge == null) {
      bge = new OnnxBertEncoder(EmbeddingModels.bgeSmallEnV15Q(), OnnxEncoderConfig.defaults());
    }
    return bge;
  }

  public static synchronized OnnxBertEncoder minilm() {
    if (minilm == null) {
      minilm = new OnnxBertEncoder(EmbeddingModels.allMiniLmL6V2Q(), OnnxEncoderConfig.defaults());
    }
    return minilm;
  }
}
