package io.quarry.embeddings.onnx;

import ai.onnxruntime.OrtException;
import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.EmbeddingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A batched ONNX BERT bi-encoder: the same models and tokenizers as langchain4j's in-process
 * embedding models, but a whole call is tokenized, sorted by length and run in padded batches
 * instead of one text at a time.
 *
 * <p>Contract: vectors are unit length, {@link #dimension()} long, in input order. Texts longer
 * than the spec's max length are truncated (counted by {@link #truncatedCount()}), never split.
 * Queries get the spec's query prefix; passages never do. One text per batch, output equals
 * langchain4j's own models to 1.5e-7; because the bundled models are int8 dynamically quantized
 * (one activation scale per batch tensor), a batched text's vector moves slightly with its
 * batch-mates (measured worst cosine 0.996 for bge, 0.989 for MiniLM at batch 16).
 *
 * <p>Cost: construction loads the model (about 0.5 s for bge-small). {@link #encodePassages}
 * costs one forward pass per batch; batches run on a fixed pool of {@link
 * OnnxEncoderConfig#workers()} threads, so inference never uses more threads than configured
 * whatever the number of callers. {@link #encodeQuery} is one batch of one and jumps the queue:
 * during a large ingest it waits only for the batches already running.
 *
 * <p>Thread-safe. {@link #close()} waits for queued batches, then frees the native session; later
 * calls throw {@link IllegalStateException}.
 */
public final class OnnxBertEncoder implements TextEncoder {

  private final OnnxModelSpec spec;
  private final OnnxEncoderConfig config;
  private final BertTokenizer tokenizer;
  private final BertSession session;
  private final InferencePool workers;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Loads the model and starts the inference pool.
   *
   * @throws EmbeddingException if the model or tokenizer cannot be loaded
   */
  public OnnxBertEncoder(OnnxModelSpec spec, OnnxEncoderConfig config) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.config = Objects.requireNonNull(config, "config");
    BertTokenizer tok = null;
    try {
      tok = new BertTokenizer(spec.files().tokenizerJson(), spec.maxLength());
      this.session = new BertSession(spec.files(), config.intraOpThreads());
    } catch (IOException | OrtException | RuntimeException e) {
      if (tok != null) {
        tok.close();
      }
      throw new EmbeddingException(
          "cannot load model " + spec.modelId() + " from " + spec.files().describe() + ": " + e.getMessage(), e);
    }
    this.tokenizer = tok;
    this.workers = new InferencePool(config.workers(), spec.modelId());
  }

  @Override
  public String modelId() {
    return spec.modelId();
  }

  @Override
  public int dimension() {
    return session.dimension();
  }

  /** What was loaded. */
  public OnnxModelSpec spec() {
    return spec;
  }

  /** How it runs. */
  public OnnxEncoderConfig config() {
    return config;
  }

  /** Texts (queries and passages) truncated at the max length since construction. */
  public long truncatedCount() {
    return tokenizer.truncatedCount();
  }

  @Override
  public float[] encodeQuery(String query) {
    Objects.requireNonNull(query, "query");
    ensureOpen();
    Tokens tokens = tokenizer.encode(spec.queryPrefix() + query);
    RunControl control;
    try {
      control = new RunControl();
    } catch (OrtException e) {
      throw new EmbeddingException("cannot create run options for " + spec.modelId(), e);
    }
    Future<float[][]> future;
    try {
      future = workers.submit(() -> {
        try (control) {
          return session.run(List.of(tokens), tokenizer.padId(), spec.pooling(), control.options());
        }
      }, true);
    } catch (RejectedExecutionException e) {
      control.close();
      throw new IllegalStateException("encoder " + spec.modelId() + " is closed", e);
    }
    try {
      return await(List.of(future)).get(0)[0];
    } catch (EmbeddingException e) {
      // the caller gave up (a deadline): stop the run so it frees its core now
      control.terminate();
      throw e;
    }
  }

  @Override
  public List<float[]> encodePassages(List<String> passages) {
    Objects.requireNonNull(passages, "passages");
    for (int i = 0; i < passages.size(); i++) {
      if (passages.get(i) == null) {
        throw new NullPointerException("passages contains null at index " + i);
      }
    }
    ensureOpen();
    if (passages.isEmpty()) {
      return List.of();
    }
    Tokens[] tokens = tokenizer.encodeAll(passages);
    int[] lengths = Arrays.stream(tokens).mapToInt(Tokens::length).toArray();
    List<int[]> plan =
        BatchPlanner.plan(lengths, config.maxBatchSize(), config.maxBatchTokens());
    List<Future<float[][]>> futures = new ArrayList<>(plan.size());
    for (int[] batch : plan) {
      List<Tokens> batchTokens = new ArrayList<>(batch.length);
      for (int index : batch) {
        batchTokens.add(tokens[index]);
      }
      futures.add(submit(batchTokens, false));
    }
    List<float[][]> results = await(futures);
    float[][] out = new float[passages.size()][];
    for (int b = 0; b < plan.size(); b++) {
      int[] batch = plan.get(b);
      for (int i = 0; i < batch.length; i++) {
        out[batch[i]] = results.get(b)[i];
      }
    }
    return Arrays.asList(out);
  }

  private Future<float[][]> submit(List<Tokens> batch, boolean query) {
    try {
      return workers.submit(() -> session.run(batch, tokenizer.padId(), spec.pooling()), query);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("encoder " + spec.modelId() + " is closed", e);
    }
  }

  private List<float[][]> await(List<Future<float[][]>> futures) {
    List<float[][]> out = new ArrayList<>(futures.size());
    try {
      for (Future<float[][]> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(false));
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while encoding with " + spec.modelId(), e);
    } catch (ExecutionException | CancellationException e) {
      futures.forEach(f -> f.cancel(false));
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new EmbeddingException(
          "inference failed for model " + spec.modelId() + ": " + cause.getMessage(), cause);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("encoder " + spec.modelId() + " is closed");
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    workers.close();
    try {
      session.close();
    } catch (OrtException e) {
      throw new EmbeddingException("cannot close model " + spec.modelId(), e);
    } finally {
      tokenizer.close();
    }
  }

  @Override
  public String toString() {
    return "OnnxBertEncoder[" + spec.modelId() + ", " + config + "]";
  }
}
