package io.quarry.embeddings.rerank;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link CrossEncoderReranker} loads and runs a cross-encoder. Immutable; validated on
 * construction, each failure naming the field ("illegal maxLength: 1, must be in 8..8192").
 *
 * <p>The defaults come from {@code RerankBenchmark} on the 2-core reference machine (a
 * MiniLM-L6 size model, pairs of about 190 tokens; see the README's Reranker section): one
 * single-threaded worker per core, batches of at most {@value #DEFAULT_MAX_BATCH_SIZE} pairs, which
 * scored 16 or 64 pairs at 17.7 ms a pair on idle cores, against 32 ms for one worker with 2
 * threads running the 64 as one batch. libtorch's intra-op threads wait for each other at every
 * operation, so two of them sharing two cores with anything else (a search leg, the encoder,
 * another process) stall: with a neighbour busy on one core they took 676 ms a pair at batch 1 and
 * 90 ms at batch 16, against 42 and 37 ms for the default.
 *
 * @param model a checkpoint directory ({@code config.json}, {@code model.safetensors}, {@code
 *     tokenizer.json}) or a TorchScript file ({@code .pt}/{@code .ts}/{@code .torchscript}, with
 *     {@code tokenizer.json} beside it); checked when loading
 * @param device where to run; {@link #DEFAULT_DEVICE} picks a GPU only when the engine sees one
 * @param maxLength tokens per (query, passage) pair including special tokens; the passage side is
 *     truncated to fit, in {@code 8..}{@link #MAX_LENGTH}; lowered to the model's position limit
 * @param maxBatchSize most pairs per forward pass, in {@code 1..}{@link #MAX_BATCH_SIZE}
 * @param maxBatchTokens most padded tokens ({@code pairs * longest}) per forward pass, in {@code
 *     1..}{@link #MAX_BATCH_TOKENS}; a single pair longer than this still runs alone
 * @param workers batches that run at the same time, in {@code 1..}{@link #MAX_THREADS}; default
 *     one per core
 * @param threads PyTorch intra-op threads (process-wide: libtorch has one setting per process),
 *     in {@code 1..}{@link #MAX_THREADS}, default {@value #DEFAULT_THREADS}; {@code workers *
 *     threads} should not exceed the cores
 * @param blendWeight the cross-encoder's share of a reranked hit's final score, in {@code [0,
 *     1]}; null (the default) takes the model's {@link RerankCard}, else 1 (cross-encoder alone)
 */
public record RerankerConfig(
    Path model,
    RerankDevice device,
    int maxLength,
    int maxBatchSize,
    int maxBatchTokens,
    int workers,
    int threads,
    Double blendWeight) {

  public static final int MAX_LENGTH = 8192;
  public static final int MAX_BATCH_SIZE = 1024;
  public static final int MAX_BATCH_TOKENS = 1 << 20;
  public static final int MAX_THREADS = 256;

  public static final RerankDevice DEFAULT_DEVICE = RerankDevice.AUTO;
  public static final int DEFAULT_MAX_LENGTH = 512;
  public static final int DEFAULT_MAX_BATCH_SIZE = 8;
  public static final int DEFAULT_MAX_BATCH_TOKENS = 8192;
  public static final int DEFAULT_THREADS = 1;

  public RerankerConfig {
    Objects.requireNonNull(model, "model");
    model = model.toAbsolutePath().normalize();
    Objects.requireNonNull(device, "device");
    check("maxLength", maxLength, 8, MAX_LENGTH);
    check("maxBatchSize", maxBatchSize, 1, MAX_BATCH_SIZE);
    check("maxBatchTokens", maxBatchTokens, 1, MAX_BATCH_TOKENS);
    check("workers", workers, 1, MAX_THREADS);
    check("threads", threads, 1, MAX_THREADS);
    if (blendWeight != null && !(blendWeight >= 0 && blendWeight <= 1)) {
      throw new IllegalArgumentException("illegal blendWeight: " + blendWeight + ", must be in [0, 1]");
    }
  }

  /** Every default for the model at {@code model}. */
  public static RerankerConfig of(Path model) {
    return new RerankerConfig(model, DEFAULT_DEVICE, DEFAULT_MAX_LENGTH, DEFAULT_MAX_BATCH_SIZE,
        DEFAULT_MAX_BATCH_TOKENS, defaultWorkers(), DEFAULT_THREADS, null);
  }

  /** Cores available to this JVM, at least 1: the default number of workers. */
  public static int defaultWorkers() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  public RerankerConfig withDevice(RerankDevice device) {
    return new RerankerConfig(model, device, maxLength, maxBatchSize, maxBatchTokens, workers, threads, blendWeight);
  }

  public RerankerConfig withMaxLength(int maxLength) {
    return new RerankerConfig(model, device, maxLength, maxBatchSize, maxBatchTokens, workers, threads, blendWeight);
  }

  public RerankerConfig withBatch(int maxBatchSize, int maxBatchTokens) {
    return new RerankerConfig(model, device, maxLength, maxBatchSize, maxBatchTokens, workers, threads, blendWeight);
  }

  public RerankerConfig withThreads(int workers, int threads) {
    return new RerankerConfig(model, device, maxLength, maxBatchSize, maxBatchTokens, workers, threads, blendWeight);
  }

  /** The cross-encoder's share; null takes the model's card. */
  public RerankerConfig withBlendWeight(Double blendWeight) {
    return new RerankerConfig(model, device, maxLength, maxBatchSize, maxBatchTokens, workers, threads, blendWeight);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "illegal " + name + ": " + value + ", must be in " + min + ".." + max);
    }
  }
}
