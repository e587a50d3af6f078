package io.quarry.embeddings.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.quarry.embeddings.Vectors;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session over a BERT-style model: runs a right-padded batch and pools it.
 *
 * <p>Thread-safe: {@code OrtSession.run} may be called concurrently; each call with intra-op
 * threads = 1 runs on its calling thread only. Cost: one forward pass, O(batch * length^2).
 */
final class BertSession implements AutoCloseable {

  private static final String TOKEN_TYPE_IDS = "token_type_ids";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final boolean wantsTokenTypes;
  private final String output;
  private final boolean pooledOutput;
  private final int dimension;

  BertSession(ModelFiles files, int intraOpThreads) throws IOException, OrtException {
    this.env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      this.session = files.openSession(env, options);
    }
    Set<String> inputs = session.getInputNames();
    if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
      session.close();
      throw new IOException("illegal model " + files.describe() + ": inputs " + inputs
          + ", must include input_ids and attention_mask");
    }
    this.wantsTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    this.output = outputs.containsKey("last_hidden_state")
        ? "last_hidden_state"
        : outputs.keySet().iterator().next();
    long[] shape = ((TensorInfo) outputs.get(output).getInfo()).getShape();
    // rank 3 = token vectors to pool; rank 2 = the export already pooled (sentence_embedding)
    this.pooledOutput = shape.length == 2;
    this.dimension = (int) shape[shape.length - 1];
    if (dimension <= 0 || (shape.length != 2 && shape.length != 3)) {
      session.close();
      throw new IOException("illegal model " + files.describe() + ": output " + output
          + " has shape " + java.util.Arrays.toString(shape) + ", must be [b,seq,dim] or [b,dim]");
    }
  }

  int dimension() {
    return dimension;
  }

  /**
   * Runs one batch: pads every text to the longest with {@code padId} and attention mask 0.
   *
   * @return one unit-length vector per text, in batch order
   */
  float[][] run(List<Tokens> batch, long padId, Pooling pooling) throws OrtException {
    return run(batch, padId, pooling, null);
  }

  /** The same, stoppable through {@code options} (null for none). */
  float[][] run(List<Tokens> batch, long padId, Pooling pooling, OrtSession.RunOptions options) throws OrtException {
    int rows = batch.size();
    int seqLen = 0;
    for (Tokens t : batch) {
      seqLen = Math.max(seqLen, t.length());
    }
    long[] ids = new long[rows * seqLen];
    long[] mask = new long[rows * seqLen];
    long[] types = new long[rows * seqLen];
    java.util.Arrays.fill(ids, padId);
    for (int r = 0; r < rows; r++) {
      Tokens t = batch.get(r);
      System.arraycopy(t.ids(), 0, ids, r * seqLen, t.length());
      System.arraycopy(t.typeIds(), 0, types, r * seqLen, t.length());
      java.util.Arrays.fill(mask, r * seqLen, r * seqLen + t.length(), 1L);
    }
    long[] shape = {rows, seqLen};
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (wantsTokenTypes) {
        in.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      }
      try (OrtSession.Result result = options == null
          ? session.run(in, Set.of(output)) : session.run(in, Set.of(output), options)) {
        OnnxValue value = result.get(output).orElseThrow();
        FloatBuffer hidden = ((OnnxTensor) value).getFloatBuffer();
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
          float[] v = new float[dimension];
          if (pooledOutput) {
            hidden.get(r * dimension, v);
          } else {
            v = pooling.pool(hidden, r, seqLen, dimension, mask);
          }
          out[r] = Vectors.normalizeInPlace(v);
        }
        return out;
      }
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
