package io.quarry.server.config;

import io.quarry.embeddings.EmbeddingModels;
import io.quarry.embeddings.EncoderSettings;
import io.quarry.embeddings.cache.CachingEncoder;
import io.quarry.embeddings.langchain.OllamaConfig;
import io.quarry.embeddings.onnx.OnnxEncoderConfig;
import io.quarry.embeddings.onnx.Pooling;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code embedding.*} keys: which model, how it runs, and the caches.
 *
 * @param model a model id accepted by {@link EmbeddingModels#create}
 * @param encoder how the model runs
 * @param diskCache whether passage vectors are cached on disk (re-indexing unchanged text costs
 *     no inference)
 * @param cacheDir where the passage cache lives; null for {@code <data.dir>/embedding-cache}. Several
 *     indexes may share one (the benchmark does): entries are keyed by model and text.
 * @param queryCacheSize query vectors kept in memory; 0 disables
 */
public record EmbeddingConfig(
    String model, EncoderSettings encoder, boolean diskCache, Path cacheDir, int queryCacheSize) {

  static EmbeddingConfig from(Settings s) {
    OnnxEncoderConfig d = OnnxEncoderConfig.defaults();
    OnnxEncoderConfig onnx = new OnnxEncoderConfig(
        s.integer("embedding.onnx.workers", d.workers(), 1, OnnxEncoderConfig.MAX_THREADS),
        s.integer("embedding.onnx.threads", d.intraOpThreads(), 1, OnnxEncoderConfig.MAX_THREADS),
        s.integer("embedding.onnx.batch_size", d.maxBatchSize(), 1, OnnxEncoderConfig.MAX_BATCH_SIZE),
        s.integer("embedding.onnx.batch_tokens", d.maxBatchTokens(), 1, OnnxEncoderConfig.MAX_BATCH_TOKENS));
    String model = s.string("embedding.model", EmbeddingModels.DEFAULT_MODEL);
    OllamaConfig ollama = new OllamaConfig(
        s.string("embedding.ollama.base_url", OllamaConfig.DEFAULT_BASE_URL),
        model.startsWith(EmbeddingModels.OLLAMA_PREFIX) ? model.substring(EmbeddingModels.OLLAMA_PREFIX.length()) : "unused",
        Duration.ofMillis(s.longValue("embedding.ollama.timeout_ms", OllamaConfig.DEFAULT_TIMEOUT.toMillis(), 1, 3_600_000)),
        s.integer("embedding.ollama.max_retries", OllamaConfig.DEFAULT_MAX_RETRIES, 0, 10),
        s.string("embedding.ollama.query_prefix", ""),
        s.integer("embedding.ollama.batch_size", OllamaConfig.DEFAULT_MAX_BATCH_SIZE, 1, 4096),
        s.integer("embedding.ollama.dimension", 0, 0, 65_536));
    EncoderSettings encoder = EncoderSettings.defaults()
        .withOnnx(onnx)
        .withLocalModel(
            s.parsed("embedding.local.pooling", EncoderSettings.DEFAULT_LOCAL_POOLING.name(), Pooling::parse),
            s.string("embedding.local.query_prefix", ""),
            s.integer("embedding.local.max_length", EncoderSettings.DEFAULT_LOCAL_MAX_LENGTH, 2, 8192))
        .withOllama(ollama);
    return new EmbeddingConfig(model, encoder,
        s.bool("embedding.cache", true),
        cacheDir(s.string("embedding.cache_dir", "")),
        s.integer("embedding.query_cache_size", CachingEncoder.DEFAULT_QUERY_CACHE_SIZE, 0, 10_000_000));
  }

  private static Path cacheDir(String value) {
    return value.isBlank() ? null : Path.of(value);
  }
}
