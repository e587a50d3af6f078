package io.quarry.embeddings.rerank;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.quarry.core.spi.Reranker;
import io.quarry.embeddings.EmbeddingException;
import io.quarry.embeddings.onnx.BatchPlanner;
import io.quarry.embeddings.onnx.InferencePool;
import io.quarry.embeddings.onnx.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cross-encoder {@link Reranker} on DJL's PyTorch engine: a Hugging Face checkpoint directory
 * run by an NDArray forward pass ({@link BertForward}), or a TorchScript file.
 *
 * <p>Contract: {@link #score} returns one score per passage, in input order: the classifier's logit
 * (one label) or the logit of label 1 (two labels); higher is more relevant. Pairs are tokenized
 * with the model's {@code tokenizer.json}, the passage side truncated to {@link #maxLength()}
 * tokens. A pair scores the same alone or batched, up to float rounding (about 1e-6). An empty list
 * gives an empty array. If the calling thread is interrupted while waiting, the batches not yet
 * started are dropped and {@link CancellationException} is thrown (the interrupt flag stays set).
 *
 * <p>Cost: loading reads the whole checkpoint (about 90 MB and half a second for a MiniLM-L6 size
 * model) and, the first time on a machine, unpacks libtorch (432 MB, about 2 s) into {@code
 * ~/.djl.ai} or {@code DJL_CACHE_DIR}. {@link #open} runs one warm-up batch. On CPU a MiniLM-L6
 * size cross-encoder costs about 36-42 ms of one core per pair of about 190 tokens (README,
 * Reranker section); cost grows with layers and hidden size, and faster than linearly with pair
 * length.
 *
 * <p>Thread-safe. Batches are sorted by length ({@link BatchPlanner}) and run on a fixed pool of
 * {@link RerankerConfig#workers()} threads shared by every caller, so inference never uses more
 * threads than configured. {@link #close()} waits for queued batches, then frees the model; later
 * calls throw {@link IllegalStateException}.
 */
public final class CrossEncoderReranker implements Reranker {

  static final String ENGINE = "PyTorch";
  static final String TOKENIZER_FILE = "tokenizer.json";

  private static final Logger LOG = LoggerFactory.getLogger(CrossEncoderReranker.class);

  private final String modelId;
  private final double blendWeight;
  private final RerankerConfig config;
  private final Device device;
  private final ScoringModel model;
  private final PairTokenizer tokenizer;
  private final InferencePool workers;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong batches = new AtomicLong();

  private CrossEncoderReranker(String modelId, RerankerConfig config, Device device, ScoringModel model,
      PairTokenizer tokenizer, double blendWeight) {
    this.modelId = modelId;
    this.blendWeight = blendWeight;
    this.config = config;
    this.device = device;
    this.model = model;
    this.tokenizer = tokenizer;
    this.workers = new InferencePool(config.workers(), "rerank-" + modelId);
  }

  /**
   * Loads the model on the configured device and runs one warm-up batch, so the first query does
   * not pay for the first forward pass.
   *
   * @throws EmbeddingException naming the model path if the files are missing or unsupported, the
   *     engine cannot start, or a GPU was required and none is visible
   */
  public static CrossEncoderReranker open(RerankerConfig config) {
    Objects.requireNonNull(config, "config");
    long start = System.nanoTime();
    Path path = config.model();
    // never let DJL try the network (model zoo metadata, native downloads)
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    ScoringModel model = null;
    PairTokenizer tokenizer = null;
    CrossEncoderReranker reranker = null;
    try {
      boolean directory = Files.isDirectory(path);
      if (!directory && !Files.isRegularFile(path)) {
        throw new IOException("illegal model: " + path + " does not exist; must be a checkpoint directory"
            + " (config.json, model.safetensors, tokenizer.json) or a TorchScript file");
      }
      Path tokenizerJson = (directory ? path : path.getParent()).resolve(TOKENIZER_FILE);
      if (!Files.isRegularFile(tokenizerJson)) {
        throw new IOException("no " + TOKENIZER_FILE + " at " + tokenizerJson);
      }
      Engine engine = Engine.getEngine(ENGINE);
      Device device = Devices.resolve(config.device(), engine.getGpuCount());
      JniUtils.setNumThreads(config.threads());
      model = directory ? SafetensorsModel.load(path, device) : TorchScriptModel.load(path, device);
      int maxLength = Math.min(config.maxLength(), model.maxTokens());
      if (maxLength < config.maxLength()) {
        LOG.warn("rerank max length {} lowered to {}: the model has no positions beyond that",
            config.maxLength(), maxLength);
      }
      tokenizer = new PairTokenizer(Files.readAllBytes(tokenizerJson), maxLength);
      // the configured share wins; else the one training chose and stored; else the model alone
      double blend = config.blendWeight() != null ? config.blendWeight()
          : RerankCard.read(path).map(RerankCard::blendWeight).orElse(1.0);
      reranker = new CrossEncoderReranker(modelId(path), config, device, model, tokenizer, blend);
      long loaded = System.nanoTime();
      long warm = reranker.warmUp();
      LOG.info("reranker {} ({}) on {} loaded in {} ms, warmed in {} ms: max length {}, batches of {} pairs /"
              + " {} tokens, {} workers x {} threads, cross-encoder share {}",
          reranker.modelId, model.format(), reranker.device(), (loaded - start) / 1_000_000, warm,
          maxLength, config.maxBatchSize(), config.maxBatchTokens(), config.workers(), config.threads(), blend);
      return reranker;
    } catch (IOException | RuntimeException e) {
      if (reranker != null) {
        reranker.close();
      } else {
        if (tokenizer != null) {
          tokenizer.close();
        }
        if (model != null) {
          model.close();
        }
      }
      throw new EmbeddingException("cannot load reranker from " + path + ": " + e.getMessage(), e);
    }
  }

  /** The checkpoint directory's name, or the TorchScript file's name without its extension. */
  static String modelId(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return Files.isRegularFile(path) && dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * Scores one batch of typical size (a passage of about 100 words), so that libtorch allocates its
   * buffers and picks its kernels now rather than on the first query. Safe to call again.
   *
   * @return milliseconds it took
   */
  public long warmUp() {
    long start = System.nanoTime();
    String passage = String.join(" ", Collections.nCopies(20, "a passage warms the cross-encoder up."));
    score("what does warming up do", Collections.nCopies(Math.min(4, config.maxBatchSize()), passage), false);
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Override
  public double blendWeight() {
    return blendWeight;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  /** {@code cpu} or {@code gpu(N)}. */
  @Override
  public String device() {
    return Devices.describe(device);
  }

  /** How it was configured. */
  public RerankerConfig config() {
    return config;
  }

  /** Tokens per pair actually used: the configured max length, capped by the model's positions. */
  public int maxLength() {
    return tokenizer.maxLength();
  }

  /** Pairs whose passage was truncated since loading (warm-up excluded). */
  public long truncatedCount() {
    return tokenizer.truncatedCount();
  }

  /** Forward passes run since loading (warm-up included). */
  public long batchCount() {
    return batches.get();
  }

  @Override
  public float[] score(String query, List<String> passages) {
    return score(query, passages, true);
  }

  private float[] score(String query, List<String> passages, boolean countTruncations) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(passages, "passages");
    for (int i = 0; i < passages.size(); i++) {
      if (passages.get(i) == null) {
        throw new NullPointerException("passages contains null at index " + i);
      }
    }
    ensureOpen();
    if (passages.isEmpty()) {
      return new float[0];
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("rerank with " + modelId + " cancelled: the thread is interrupted");
    }
    Tokens[] tokens = tokenizer.encode(query, passages, countTruncations);
    int[] lengths = Arrays.stream(tokens).mapToInt(Tokens::length).toArray();
    List<int[]> plan = BatchPlanner.plan(lengths, batchSize(lengths.length, config.workers(), config.maxBatchSize()),
        config.maxBatchTokens());
    List<Future<float[]>> futures = new ArrayList<>(plan.size());
    for (int[] batch : plan) {
      List<Tokens> rows = new ArrayList<>(batch.length);
      for (int index : batch) {
        rows.add(tokens[index]);
      }
      futures.add(submit(rows));
    }
    float[] out = new float[passages.size()];
    for (int b = 0; b < plan.size(); b++) {
      float[] scores = await(futures, b);
      int[] batch = plan.get(b);
      for (int i = 0; i < batch.length; i++) {
        out[batch[i]] = scores[i];
      }
    }
    return out;
  }

  /**
   * Pairs per batch so that every worker gets the same share: a rerank window is small (10 or 20
   * pairs), and batches of the maximum size would leave a worker idle while another runs 8 of 10
   * pairs alone (measured: 41 ms a pair for a window of 10 on 2 workers, against about 20 when
   * split 5 and 5). The number of batches is the smallest multiple of the workers that keeps each
   * batch within {@code maxBatchSize}.
   */
  static int batchSize(int pairs, int workers, int maxBatchSize) {
    if (pairs <= 0) {
      return 1;
    }
    int rounds = (pairs + workers * maxBatchSize - 1) / (workers * maxBatchSize);
    int batches = Math.min(pairs, workers * rounds);
    return Math.min(maxBatchSize, (pairs + batches - 1) / batches);
  }

  private Future<float[]> submit(List<Tokens> rows) {
    try {
      return workers.submit(() -> runBatch(rows), false);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("reranker " + modelId + " is closed", e);
    }
  }

  private float[] await(List<Future<float[]>> futures, int index) {
    try {
      return futures.get(index).get();
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(false));
      Thread.currentThread().interrupt();
      CancellationException c = new CancellationException("rerank with " + modelId + " cancelled after "
          + index + " of " + futures.size() + " batches: the thread was interrupted");
      c.initCause(e);
      throw c;
    } catch (ExecutionException | CancellationException e) {
      futures.forEach(f -> f.cancel(false));
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new EmbeddingException("rerank failed for model " + modelId + ": " + cause.getMessage(), cause);
    }
  }

  /** Pads the batch to its longest pair (pad id, mask 0), runs it, and copies the scores out. */
  private float[] runBatch(List<Tokens> rows) {
    TokenBatch b = TokenBatch.of(rows, tokenizer.padId());
    try (NDManager batch = model.manager().newSubManager()) {
      float[] scores = model.score(b.ids(batch), b.mask(batch), b.types(batch)).toFloatArray();
      batches.incrementAndGet();
      return scores;
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("reranker " + modelId + " is closed");
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    workers.close();
    try {
      model.close();
    } finally {
      tokenizer.close();
    }
  }

  @Override
  public String toString() {
    return "CrossEncoderReranker[" + modelId + ", " + model.format() + ", " + device() + ", " + config + "]";
  }
}
