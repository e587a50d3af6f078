package io.quarry.embeddings;

import io.quarry.embeddings.langchain.OllamaConfig;
import io.quarry.embeddings.onnx.OnnxEncoderConfig;
import io.quarry.embeddings.onnx.Pooling;
import java.util.Objects;

/**
 * Settings {@link EmbeddingModels#create(String, EncoderSettings)} applies to whichever model the
 * id names; the parts for other kinds of model are ignored.
 *
 * @param onnx how in-process ONNX models run (bundled and {@code onnx-dir:})
 * @param localPooling pooling of an {@code onnx-dir:} model; default {@link #DEFAULT_LOCAL_POOLING}
 * @param localQueryPrefix query prefix of an {@code onnx-dir:} model; default none
 * @param localMaxLength max tokens of an {@code onnx-dir:} model, default {@value
 *     #DEFAULT_LOCAL_MAX_LENGTH}
 * @param ollama how to reach Ollama for {@code ollama:} ids; its model name is replaced by the
 *     id's; null for {@link OllamaConfig}'s defaults
 */
public record EncoderSettings(
    OnnxEncoderConfig onnx,
    Pooling localPooling,
    String localQueryPrefix,
    int localMaxLength,
    OllamaConfig ollama) {

  public static final Pooling DEFAULT_LOCAL_POOLING = Pooling.MEAN;
  public static final int DEFAULT_LOCAL_MAX_LENGTH = 512;

  public EncoderSettings {
    Objects.requireNonNull(onnx, "onnx");
    localPooling = localPooling == null ? DEFAULT_LOCAL_POOLING : localPooling;
    localQueryPrefix = localQueryPrefix == null ? "" : localQueryPrefix;
    if (localMaxLength < 2 || localMaxLength > io.quarry.embeddings.onnx.OnnxModelSpec.MAX_LENGTH) {
      throw new IllegalArgumentException("illegal localMaxLength: " + localMaxLength
          + ", must be in 2.." + io.quarry.embeddings.onnx.OnnxModelSpec.MAX_LENGTH);
    }
  }

  /** Every default. */
  public static EncoderSettings defaults() {
    return new EncoderSettings(
        OnnxEncoderConfig.defaults(), DEFAULT_LOCAL_POOLING, "", DEFAULT_LOCAL_MAX_LENGTH, null);
  }

  public EncoderSettings withOnnx(OnnxEncoderConfig config) {
    return new EncoderSettings(config, localPooling, localQueryPrefix, localMaxLength, ollama);
  }

  public EncoderSettings withLocalModel(Pooling pooling, String queryPrefix, int maxLength) {
    return new EncoderSettings(onnx, pooling, queryPrefix, maxLength, ollama);
  }

  public EncoderSettings withOllama(OllamaConfig config) {
    return new EncoderSettings(onnx, localPooling, localQueryPrefix, localMaxLength, config);
  }
}
