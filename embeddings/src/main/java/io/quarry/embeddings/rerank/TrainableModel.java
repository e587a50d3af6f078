package io.quarry.embeddings.rerank;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.quarry.embeddings.onnx.BatchPlanner;
import io.quarry.embeddings.onnx.Tokens;
import io.quarry.embeddings.rerank.Safetensors.F32;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT-family sequence classifier whose weights take gradients: {@link BertForward} over a
 * checkpoint's tensors, each marked {@code requiresGradient}, so a forward pass inside a DJL
 * {@code GradientCollector} can be differentiated and the tensors updated in place by an
 * optimizer. Outside a collector it scores like the reranker (no graph is recorded).
 *
 * <p>Not thread-safe: one trainer drives it.
 */
final class TrainableModel implements PairScorer, AutoCloseable {

  /** Pairs per forward pass when scoring for validation. */
  private static final int SCORE_BATCH = 16;

  private final NDManager manager;
  private final BertForward forward;
  private final Map<String, NDArray> parameters;
  private final PairTokenizer tokenizer;
  private final byte[] tokenizerJson;

  private TrainableModel(NDManager manager, BertForward forward,
      Map<String, NDArray> parameters, PairTokenizer tokenizer, byte[] tokenizerJson) {
    this.manager = manager;
    this.forward = forward;
    this.parameters = parameters;
    this.tokenizer = tokenizer;
    this.tokenizerJson = tokenizerJson;
  }

  /**
   * Loads a Hugging Face checkpoint directory onto {@code device}, its weights ready for training.
   *
   * @throws IOException if a file is missing or the checkpoint is not a BERT-family classifier
   */
  static TrainableModel load(Path dir, Device device, int maxLength) throws IOException {
    CrossEncoderConfig config = CrossEncoderConfig.read(dir.resolve(SafetensorsModel.CONFIG_FILE));
    if (config.family() != CrossEncoderConfig.Family.BERT) {
      throw new IOException("only BERT-family checkpoints can be trained, " + dir + " is " + config.family());
    }
    byte[] tokenizerJson = Files.readAllBytes(dir.resolve(CrossEncoderReranker.TOKENIZER_FILE));
    NDManager manager = NDManager.newBaseManager(device, CrossEncoderReranker.ENGINE);
    try {
      CrossEncoderWeights weights = CrossEncoderWeights.load(dir.resolve(SafetensorsModel.WEIGHTS_FILE), config, manager);
      Map<String, NDArray> parameters = weights.bertParameters(config);
      parameters.values().forEach(p -> p.setRequiresGradient(true));
      PairTokenizer tokenizer = new PairTokenizer(tokenizerJson, Math.min(maxLength, config.maxTokens()));
      return new TrainableModel(manager, new BertForward(config, weights), parameters, tokenizer, tokenizerJson);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The trainable tensors by checkpoint name; updated in place. */
  Map<String, NDArray> parameters() {
    return parameters;
  }

  /** Parameters in the model. */
  long parameterCount() {
    return parameters.values().stream().mapToLong(NDArray::size).sum();
  }

  NDManager manager() {
    return manager;
  }

  /** Tokenizes one query's passages into pairs. */
  Tokens[] encode(String query, List<String> passages) {
    return tokenizer.encode(query, passages, false);
  }

  /**
   * The scores of {@code rows}, right-padded into one batch whose arrays belong to {@code batch}:
   * differentiable when called inside a gradient collector.
   */
  NDArray scores(NDManager batch, List<Tokens> rows) {
    TokenBatch b = TokenBatch.of(rows, tokenizer.padId());
    return forward.scores(b.ids(batch), b.mask(batch), b.types(batch));
  }

  @Override
  public float[] score(String query, List<String> passages) {
    if (passages.isEmpty()) {
      return new float[0];
    }
    Tokens[] tokens = encode(query, passages);
    int[] lengths = Arrays.stream(tokens).mapToInt(Tokens::length).toArray();
    float[] out = new float[passages.size()];
    for (int[] plan : BatchPlanner.plan(lengths, SCORE_BATCH, Integer.MAX_VALUE)) {
      List<Tokens> rows = new ArrayList<>(plan.length);
      for (int i : plan) {
        rows.add(tokens[i]);
      }
      try (NDManager batch = manager.newSubManager()) {
        float[] s = scores(batch, rows).toFloatArray();
        for (int i = 0; i < plan.length; i++) {
          out[plan[i]] = s[i];
        }
      }
    }
    return out;
  }

  /**
   * Writes the current weights as a Hugging Face checkpoint directory ({@code config.json},
   * {@code model.safetensors}, {@code tokenizer.json}) that {@code rerank.model} loads. The files
   * are written into a sibling temporary directory moved to {@code dir} in one step, so {@code
   * dir} never holds half a checkpoint.
   */
  void save(Path dir, Path configSource) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, dir.getFileName() + ".tmp");
    Map<String, F32> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray a = e.getValue();
      tensors.put(e.getKey(), new F32(a.getShape().getShape(), a.toFloatArray()));
    }
    Safetensors.write(tmp.resolve(SafetensorsModel.WEIGHTS_FILE), tensors);
    Files.copy(configSource, tmp.resolve(SafetensorsModel.CONFIG_FILE));
    Files.write(tmp.resolve(CrossEncoderReranker.TOKENIZER_FILE), tokenizerJson);
    deleteTree(dir); // an epoch's checkpoint left by a run that died before recording it
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public void close() {
    try {
      tokenizer.close();
    } finally {
      manager.close();
    }
  }
}
