package io.quarry.embeddings.rerank;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Hugging Face checkpoint directory ({@code config.json} + {@code model.safetensors}) run by
 * {@link BertForward}. Thread-safe: the weights are read-only after loading.
 */
final class SafetensorsModel implements ScoringModel {

  static final String CONFIG_FILE = "config.json";
  static final String WEIGHTS_FILE = "model.safetensors";

  private final NDManager manager;
  private final BertForward forward;

  private SafetensorsModel(NDManager manager, BertForward forward) {
    this.manager = manager;
    this.forward = forward;
  }

  /**
   * Loads the checkpoint onto {@code device}.
   *
   * @throws IOException if a file is missing or the checkpoint is not a supported model
   */
  static SafetensorsModel load(Path directory, Device device) throws IOException {
    CrossEncoderConfig config = CrossEncoderConfig.read(directory.resolve(CONFIG_FILE));
    NDManager manager = NDManager.newBaseManager(device, CrossEncoderReranker.ENGINE);
    try {
      CrossEncoderWeights weights = CrossEncoderWeights.load(directory.resolve(WEIGHTS_FILE), config, manager);
      return new SafetensorsModel(manager, new BertForward(config, weights));
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  CrossEncoderConfig config() {
    return forward.config();
  }

  BertForward forward() {
    return forward;
  }

  @Override
  public NDManager manager() {
    return manager;
  }

  @Override
  public NDArray score(NDArray ids, NDArray mask, NDArray types) {
    // RoBERTa-family models have one token type; their tokenizers may still number the pair's
    // sides, and HF never feeds those ids to such a model (it uses zeros).
    NDArray t = forward.config().typeVocabSize() == 1 ? types.zerosLike() : types;
    return forward.scores(ids, mask, t);
  }

  @Override
  public String format() {
    return "safetensors";
  }

  @Override
  public int maxTokens() {
    return forward.config().maxTokens();
  }

  @Override
  public void close() {
    manager.close();
  }
}
