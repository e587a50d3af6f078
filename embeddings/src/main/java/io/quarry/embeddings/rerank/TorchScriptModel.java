package io.quarry.embeddings.rerank;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A TorchScript cross-encoder (e.g. {@code torch.jit.trace} of a Hugging Face sequence classifier)
 * loaded by DJL's PyTorch engine. Its {@code forward} takes {@code (input_ids, attention_mask,
 * token_type_ids)}, int64 {@code [batch, seq]}, and returns the logits first ({@code [batch]},
 * {@code [batch, 1]} or {@code [batch, 2]}; a tuple or dict is fine, the first tensor is used).
 *
 * <p>Thread-safe after the first forward (which switches the module to inference mode; the
 * reranker's warm-up makes it).
 */
final class TorchScriptModel implements ScoringModel {

  private final Model model;

  private TorchScriptModel(Model model) {
    this.model = model;
  }

  /**
   * Loads the file onto {@code device}.
   *
   * @throws IOException if the file is missing or libtorch cannot read it as TorchScript
   */
  static TorchScriptModel load(Path file, Device device) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no TorchScript file at " + file);
    }
    Model model = Model.newInstance(file.getFileName().toString(), device, CrossEncoderReranker.ENGINE);
    try {
      // mapLocation: tensors saved on another device (a GPU trace) are loaded onto this one
      model.load(file, null, Map.of("mapLocation", "true"));
      return new TorchScriptModel(model);
    } catch (MalformedModelException | RuntimeException e) {
      model.close();
      throw new IOException("cannot load " + file + " as TorchScript: " + e.getMessage(), e);
    } catch (IOException e) {
      model.close();
      throw e;
    }
  }

  @Override
  public NDManager manager() {
    return model.getNDManager();
  }

  @Override
  public NDArray score(NDArray ids, NDArray mask, NDArray types) {
    // The profiling graph executor re-specializes on every new input shape, and reranking
    // batches rarely repeat a shape; the setting is per thread, and these are our own threads.
    JniUtils.setGraphExecutorOptimize(false);
    NDList out = model.getBlock()
        .forward(new ParameterStore(ids.getManager(), false), new NDList(ids, mask, types), false);
    NDArray logits = out.head().toType(DataType.FLOAT32, false);
    long rows = ids.getShape().get(0);
    if (logits.getShape().dimension() == 1 || logits.getShape().get(1) == 1) {
      return logits.reshape(rows);
    }
    if (logits.getShape().dimension() == 2 && logits.getShape().get(1) == 2) {
      return logits.get(new NDIndex(":, 1"));
    }
    throw new IllegalStateException("TorchScript model " + model.getName() + " returned " + logits.getShape()
        + ", must be [batch], [batch, 1] or [batch, 2] logits");
  }

  @Override
  public String format() {
    return "torchscript";
  }

  @Override
  public int maxTokens() {
    return Integer.MAX_VALUE;
  }

  @Override
  public void close() {
    model.close();
  }
}
