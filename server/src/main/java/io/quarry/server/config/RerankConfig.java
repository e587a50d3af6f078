package io.quarry.server.config;

import io.quarry.embeddings.rerank.RerankDevice;
import io.quarry.embeddings.rerank.RerankerConfig;
import java.nio.file.Path;

/**
 * The {@code rerank.*} keys of the cross-encoder. No model is configured by default: no trained
 * cross-encoder can be downloaded on the build machines, so users point {@code rerank.model} at a
 * checkpoint directory or TorchScript file they have ({@code quarry models pull} fetches one). ({@code rerank.enabled} and {@code
 * rerank.window} belong to deep search and live in {@link DeepConfig}.)
 */
final class RerankConfig {

  private RerankConfig() {}

  /** The reranker's configuration, or null when no model is configured. */
  static RerankerConfig from(Settings s) {
    RerankerConfig d = RerankerConfig.of(Path.of("unused"));
    String model = s.string("rerank.model", "");
    RerankDevice device = s.parsed("rerank.device", d.device().wireName(), RerankDevice::parse);
    int maxLength = s.integer("rerank.max_length", d.maxLength(), 8, RerankerConfig.MAX_LENGTH);
    int batch = s.integer("rerank.batch_size", d.maxBatchSize(), 1, RerankerConfig.MAX_BATCH_SIZE);
    int tokens = s.integer("rerank.batch_tokens", d.maxBatchTokens(), 1, RerankerConfig.MAX_BATCH_TOKENS);
    int workers = s.integer("rerank.workers", d.workers(), 1, RerankerConfig.MAX_THREADS);
    int threads = s.integer("rerank.threads", d.threads(), 1, RerankerConfig.MAX_THREADS);
    if (model.isBlank()) {
      return null;
    }
    return RerankerConfig.of(Path.of(model)).withDevice(device).withMaxLength(maxLength)
        .withBatch(batch, tokens).withThreads(workers, threads);
  }
}
