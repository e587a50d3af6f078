package io.quarry.embeddings.onnx;

import java.util.Objects;

/**
 * What to load: an ONNX BERT-style encoder and how to use it.
 *
 * @param modelId stable id of the model and its settings; part of cache keys, so two specs that
 *     embed passages differently must have different ids
 * @param files where the model and tokenizer come from
 * @param pooling CLS or attention-masked MEAN
 * @param queryPrefix instruction prepended to queries only (bge's "Represent this sentence for
 *     searching relevant passages: "); empty for none
 * @param maxLength tokens per text including the special tokens; longer texts are truncated, in
 *     {@code 2..}{@link #MAX_LENGTH}
 */
public record OnnxModelSpec(
    String modelId, ModelFiles files, Pooling pooling, String queryPrefix, int maxLength) {

  /** Largest accepted {@code maxLength}. */
  public static final int MAX_LENGTH = 8192;

  public OnnxModelSpec {
    Objects.requireNonNull(modelId, "modelId");
    if (modelId.isBlank()) {
      throw new IllegalArgumentException("illegal modelId: must not be blank");
    }
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(pooling, "pooling");
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    if (maxLength < 2 || maxLength > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "illegal maxLength: " + maxLength + ", must be in 2.." + MAX_LENGTH);
    }
  }
}
