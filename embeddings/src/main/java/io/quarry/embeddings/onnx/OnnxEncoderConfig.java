package io.quarry.embeddings.onnx;

/**
 * How {@link OnnxBertEncoder} runs a model. Immutable; validated on construction.
 *
 * <p>The defaults are the fastest setting measured for ~150-250-word passages on the 2-core
 * reference machine (see the embeddings module's report): one inference worker whose ONNX session
 * uses every core for intra-op parallelism, batches of up to {@value #DEFAULT_MAX_BATCH_SIZE}
 * texts and at most {@value #DEFAULT_MAX_BATCH_TOKENS} padded tokens per batch.
 *
 * @param workers inference threads; each runs one batch at a time on the shared session, in
 *     {@code 1..}{@link #MAX_THREADS}
 * @param intraOpThreads ONNX Runtime threads that one batch is split over, in {@code
 *     1..}{@link #MAX_THREADS}; {@code workers * intraOpThreads} should not exceed the cores
 * @param maxBatchSize most texts per batch, in {@code 1..}{@link #MAX_BATCH_SIZE}
 * @param maxBatchTokens most padded tokens ({@code texts * longest}) per batch, in {@code
 *     1..}{@link #MAX_BATCH_TOKENS}; a single text longer than this still runs alone
 */
public record OnnxEncoderConfig(
    int workers, int intraOpThreads, int maxBatchSize, int maxBatchTokens) {

  public static final int MAX_THREADS = 256;
  public static final int MAX_BATCH_SIZE = 1024;
  public static final int MAX_BATCH_TOKENS = 1 << 20;

  public static final int DEFAULT_WORKERS = 1;
  public static final int DEFAULT_MAX_BATCH_SIZE = 16;
  public static final int DEFAULT_MAX_BATCH_TOKENS = 8192;

  public OnnxEncoderConfig {
    check("workers", workers, 1, MAX_THREADS);
    check("intraOpThreads", intraOpThreads, 1, MAX_THREADS);
    check("maxBatchSize", maxBatchSize, 1, MAX_BATCH_SIZE);
    check("maxBatchTokens", maxBatchTokens, 1, MAX_BATCH_TOKENS);
  }

  /** The default: {@value #DEFAULT_WORKERS} worker using every available core. */
  public static OnnxEncoderConfig defaults() {
    return new OnnxEncoderConfig(
        DEFAULT_WORKERS, defaultIntraOpThreads(), DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_TOKENS);
  }

  /** Cores available to this JVM, at least 1: the default intra-op thread count. */
  public static int defaultIntraOpThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  public OnnxEncoderConfig withWorkers(int workers, int intraOpThreads) {
    return new OnnxEncoderConfig(workers, intraOpThreads, maxBatchSize, maxBatchTokens);
  }

  public OnnxEncoderConfig withBatch(int maxBatchSize, int maxBatchTokens) {
    return new OnnxEncoderConfig(workers, intraOpThreads, maxBatchSize, maxBatchTokens);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "illegal " + name + ": " + value + ", must be in " + min + ".." + max);
    }
  }
}
