package io.quarry.embeddings.onnx;

/**
 * How {@link OnnxBertEncoder} runs a model. Immutable; validated on construction.
 *
 * <p>The defaults are the fastest setting measured with bge-small-en-v1.5-q on the 2-core
 * reference machine (medians of 3 runs, see the embeddings report): one worker per core, each
 * running its own batch single-threaded ({@value #DEFAULT_INTRA_OP_THREADS} intra-op thread),
 * beat one worker using both cores (SciFact abstracts, ~300 tokens: 34 vs 28 passages/s; titles,
 * ~20 tokens: 757 vs 534). Batches help short texts (titles: 757/s at 8 per batch vs 557/s at 1)
 * but hurt long ones (abstracts: 34/s at 1 or 2 per batch, 18-21/s at 8-32, where attention
 * tensors outgrow the caches), so a batch is bounded by {@value #DEFAULT_MAX_BATCH_SIZE} texts
 * and {@value #DEFAULT_MAX_BATCH_TOKENS} padded tokens: a 300-token passage runs alone, 60-token
 * texts run 8 at a time. Small batches also limit how far int8 batch-mates move a vector.
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

  public static final int DEFAULT_INTRA_OP_THREADS = 1;
  public static final int DEFAULT_MAX_BATCH_SIZE = 8;
  public static final int DEFAULT_MAX_BATCH_TOKENS = 512;

  public OnnxEncoderConfig {
    check("workers", workers, 1, MAX_THREADS);
    check("intraOpThreads", intraOpThreads, 1, MAX_THREADS);
    check("maxBatchSize", maxBatchSize, 1, MAX_BATCH_SIZE);
    check("maxBatchTokens", maxBatchTokens, 1, MAX_BATCH_TOKENS);
  }

  /** The default: one single-threaded worker per available core. */
  public static OnnxEncoderConfig defaults() {
    return new OnnxEncoderConfig(
        defaultWorkers(), DEFAULT_INTRA_OP_THREADS, DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_TOKENS);
  }

  /** Cores available to this JVM, at least 1: the default number of workers. */
  public static int defaultWorkers() {
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
