package io.quarry.server.config;

import io.quarry.embeddings.rerank.RerankDevice;
import io.quarry.embeddings.rerank.RerankCard;
import io.quarry.embeddings.rerank.RerankerConfig;
import java.nio.file.Path;

/**
 * The {@code rerank.*} keys of the cross-encoder. No model is configured by default: no trained
 * cross-encoder can be downloaded on the build machines, so users point {@code rerank.model} at a
 * checkpoint directory or TorchScript file they have, one {@code quarry-bench rerank train} wrote,
 * or one {@code quarry models pull} fetched. {@code rerank.weight} overrides the cross-encoder's
 * share a trained model stores; {@code rerank.max_length} and {@code rerank.window} default to the
 * length it was trained at and the window it was validated at.
 * ({@code rerank.enabled} and {@code
 * rerank.window} belong to deep search and live in {@link DeepConfig}.)
 */
final class RerankConfig {

  private RerankConfig() {}

  /** The reranker's configuration, or null when no model is configured. */
  static RerankerConfig from(Settings s) {
    RerankerConfig d = RerankerConfig.of(Path.of("unused"));
    String model = s.string("rerank.model", "");
    RerankDevice device = s.parsed("rerank.device", d.device().wireName(), RerankDevice::parse);
    // a trained model's card names the length it was trained and validated at: the default for it
    int maxLength = s.integer("rerank.max_length", cardLength(model, d.maxLength()), 8, RerankerConfig.MAX_LENGTH);
    String weight = s.string("rerank.weight", "");
    Double blendWeight = weight.isBlank() ? null : s.number("rerank.weight", 1.0, 0.0, 1.0);
    int batch = s.integer("rerank.batch_size", d.maxBatchSize(), 1, RerankerConfig.MAX_BATCH_SIZE);
    int tokens = s.integer("rerank.batch_tokens", d.maxBatchTokens(), 1, RerankerConfig.MAX_BATCH_TOKENS);
    int workers = s.integer("rerank.workers", d.workers(), 1, RerankerConfig.MAX_THREADS);
    int threads = s.integer("rerank.threads", d.threads(), 1, RerankerConfig.MAX_THREADS);
    if (model.isBlank()) {
      return null;
    }
    return RerankerConfig.of(Path.of(model)).withDevice(device).withMaxLength(maxLength)
        .withBatch(batch, tokens).withThreads(workers, threads).withBlendWeight(blendWeight);
  }

  /** The card's max length beside {@code model}, else {@code def}. */
  private static int cardLength(String model, int def) {
    return card(model).map(RerankCard::maxLength).filter(n -> n > 0).orElse(def);
  }

  /**
   * The default {@code rerank.window}: the window a trained model was validated at (its card),
   * else {@code def}.
   */
  static int defaultWindow(Settings s, int def) {
    return card(s.string("rerank.model", "")).map(RerankCard::window).filter(n -> n > 0).orElse(def);
  }

  /** The card beside the model; none when there is no model or card (an unreadable card is left for loading to report). */
  private static java.util.Optional<RerankCard> card(String model) {
    if (model.isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      return RerankCard.read(Path.of(model));
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
