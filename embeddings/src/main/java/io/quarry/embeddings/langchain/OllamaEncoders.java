package io.quarry.embeddings.langchain;

import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import java.util.Objects;

/**
 * Builds a {@link LangchainEncoder} over langchain4j-ollama's {@link OllamaEmbeddingModel}, which
 * posts {@code {"model","input":[...]}} to {@code <baseUrl>/api/embed}.
 */
public final class OllamaEncoders {

  private OllamaEncoders() {}

  /**
   * Creates the encoder. With {@code config.dimension() == 0} this sends one probe request, so
   * the server must be up.
   *
   * @throws io.quarry.embeddings.EmbeddingException if the probe fails
   */
  public static LangchainEncoder create(OllamaConfig config) {
    Objects.requireNonNull(config, "config");
    OllamaEmbeddingModel model = OllamaEmbeddingModel.builder()
        .baseUrl(config.baseUrl())
        .modelName(config.modelName())
        .timeout(config.timeout())
        .maxRetries(config.maxRetries())
        .build();
    return new LangchainEncoder(
        config.modelId(), model, config.queryPrefix(), config.maxBatchSize(), config.dimension());
  }
}
