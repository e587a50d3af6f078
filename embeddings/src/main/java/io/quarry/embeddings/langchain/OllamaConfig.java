package io.quarry.embeddings.langchain;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an Ollama embedding model. Immutable; validated on construction.
 *
 * @param baseUrl the server, e.g. {@value #DEFAULT_BASE_URL}; http or https
 * @param modelName the Ollama model, e.g. {@code nomic-embed-text}; not blank
 * @param timeout per-request timeout, in {@code 1 ms..}{@link #MAX_TIMEOUT}
 * @param maxRetries retries after a failed request, in {@code 0..10}
 * @param queryPrefix prepended to queries only (e.g. nomic's {@code "search_query: "}); empty for
 *     none
 * @param maxBatchSize most passages per request, in {@code 1..}{@link LangchainEncoder#MAX_BATCH_SIZE}
 * @param dimension the model's dimension, or 0 to ask the server once at start (one probe request)
 */
public record OllamaConfig(
    String baseUrl,
    String modelName,
    Duration timeout,
    int maxRetries,
    String queryPrefix,
    int maxBatchSize,
    int dimension) {

  public static final String DEFAULT_BASE_URL = "http://localhost:11434";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
  public static final int DEFAULT_MAX_RETRIES = 2;
  public static final int DEFAULT_MAX_BATCH_SIZE = 32;

  public OllamaConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = URI.create(baseUrl).getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("illegal baseUrl: " + baseUrl + ", must be an http(s) URL");
    }
    Objects.requireNonNull(modelName, "modelName");
    if (modelName.isBlank()) {
      throw new IllegalArgumentException("illegal modelName: must not be blank");
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("illegal timeout: " + timeout + ", must be in 1ms.." + MAX_TIMEOUT);
    }
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("illegal maxRetries: " + maxRetries + ", must be in 0..10");
    }
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    if (maxBatchSize < 1 || maxBatchSize > LangchainEncoder.MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("illegal maxBatchSize: " + maxBatchSize
          + ", must be in 1.." + LangchainEncoder.MAX_BATCH_SIZE);
    }
    if (dimension < 0) {
      throw new IllegalArgumentException("illegal dimension: " + dimension + ", must be 0 (ask) or positive");
    }
  }

  /** Defaults for everything but the model name. */
  public static OllamaConfig of(String modelName) {
    return new OllamaConfig(DEFAULT_BASE_URL, modelName, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES, "",
        DEFAULT_MAX_BATCH_SIZE, 0);
  }

  public OllamaConfig withModelName(String name) {
    return new OllamaConfig(baseUrl, name, timeout, maxRetries, queryPrefix, maxBatchSize, dimension);
  }

  public OllamaConfig withBaseUrl(String url) {
    return new OllamaConfig(url, modelName, timeout, maxRetries, queryPrefix, maxBatchSize, dimension);
  }

  /** The encoder's model id: {@code ollama:<modelName>}. */
  public String modelId() {
    return "ollama:" + modelName;
  }
}
