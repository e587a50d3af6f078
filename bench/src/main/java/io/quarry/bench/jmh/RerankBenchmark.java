package io.quarry.bench.jmh;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.quarry.embeddings.rerank.CrossEncoderReranker;
import io.quarry.embeddings.rerank.RerankDevice;
import io.quarry.embeddings.rerank.RerankerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per (query, passage) pair of the DJL PyTorch cross-encoder on CPU, for one call of 1, 16 or
 * 64 passages of about 150 words (about 190 tokens a pair); with the default {@code maxBatch} of
 * 64 each call is one batch. The model is
 * MiniLM-L6 sized (6 layers, hidden 384, 12 heads, the ms-marco-MiniLM-L-6-v2 shape) with random
 * weights: cost does not depend on weight values. The checkpoint ({@code config.json}, {@code
 * model.safetensors}, {@code tokenizer.json}) is written to a temp directory at setup and loaded
 * through {@link CrossEncoderReranker#open}, the path a user's checkpoint takes. Scores are per
 * pair ({@code @OperationsPerInvocation}).
 *
 * <pre>
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main RerankBenchmark
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main RerankBenchmark -p threads=1,2
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main RerankBenchmark -p workers=2 -p maxBatch=8
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true"})
public class RerankBenchmark {

  /** Batches running at once ({@link RerankerConfig#workers()}). */
  @Param({"1"})
  int workers;

  /** PyTorch intra-op threads ({@link RerankerConfig#threads()}). */
  @Param({"1"})
  int threads;

  /**
   * Most pairs per forward pass ({@link RerankerConfig#maxBatchSize()}). At 64 every call is one
   * batch; below the call size a call splits into batches that the workers run side by side.
   */
  @Param({"64"})
  int maxBatch;

  private Path dir;
  private CrossEncoderReranker reranker;
  private final String query = "does vitamin d deficiency raise the risk of respiratory infections in children";
  private List<String> passages;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("rerank-bench");
    writeCheckpoint(dir, new Random(42));
    reranker = CrossEncoderReranker.open(RerankerConfig.of(dir).withDevice(RerankDevice.CPU)
        .withBatch(maxBatch, 1 << 20).withThreads(workers, threads));
    passages = passages(64, 150, new Random(7));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    reranker.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(1)
  public float[] batch1() {
    return checked(1);
  }

  @Benchmark
  @OperationsPerInvocation(16)
  public float[] batch16() {
    return checked(16);
  }

  @Benchmark
  @OperationsPerInvocation(64)
  public float[] batch64() {
    return checked(64);
  }

  private float[] checked(int n) {
    float[] scores = reranker.score(query, passages.subList(0, n));
    if (scores.length != n) {
      throw new IllegalStateException("got " + scores.length + " scores for " + n + " passages");
    }
    for (float s : scores) {
      if (!Float.isFinite(s)) {
        throw new IllegalStateException("non-finite score " + s);
      }
    }
    return scores;
  }

  /** A BertForSequenceClassification checkpoint of ms-marco-MiniLM-L-6-v2's shape, random weights. */
  static void writeCheckpoint(Path dir, Random random) throws IOException {
    int vocab = 30522;
    int hidden = 384;
    int layers = 6;
    int inter = 1536;
    Files.writeString(dir.resolve("config.json"), """
        {"architectures": ["BertForSequenceClassification"], "model_type": "bert",
         "vocab_size": %d, "hidden_size": %d, "num_hidden_layers": %d, "num_attention_heads": 12,
         "intermediate_size": %d, "hidden_act": "gelu", "max_position_embeddings": 512,
         "type_vocab_size": 2, "layer_norm_eps": 1e-12, "id2label": {"0": "LABEL_0"}}
        """.formatted(vocab, hidden, layers, inter));
    System.setProperty("ai.djl.offline", "true");
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), Engine.getEngine("PyTorch").getEngineName())) {
      NDList tensors = new NDList();
      Adder add = (name, shape) -> {
        NDArray a = m.randomNormal(0, 0.05f, new Shape(shape), ai.djl.ndarray.types.DataType.FLOAT32);
        a.setName(name);
        tensors.add(a);
      };
      add.put("bert.embeddings.word_embeddings.weight", vocab, hidden);
      add.put("bert.embeddings.position_embeddings.weight", 512, hidden);
      add.put("bert.embeddings.token_type_embeddings.weight", 2, hidden);
      add.put("bert.embeddings.LayerNorm.weight", hidden);
      add.put("bert.embeddings.LayerNorm.bias", hidden);
      for (int l = 0; l < layers; l++) {
        String p = "bert.encoder.layer." + l + ".";
        for (String linear : List.of("attention.self.query", "attention.self.key", "attention.self.value",
            "attention.output.dense")) {
          add.put(p + linear + ".weight", hidden, hidden);
          add.put(p + linear + ".bias", hidden);
        }
        add.put(p + "attention.output.LayerNorm.weight", hidden);
        add.put(p + "attention.output.LayerNorm.bias", hidden);
        add.put(p + "intermediate.dense.weight", inter, hidden);
        add.put(p + "intermediate.dense.bias", inter);
        add.put(p + "output.dense.weight", hidden, inter);
        add.put(p + "output.dense.bias", hidden);
        add.put(p + "output.LayerNorm.weight", hidden);
        add.put(p + "output.LayerNorm.bias", hidden);
      }
      add.put("bert.pooler.dense.weight", hidden, hidden);
      add.put("bert.pooler.dense.bias", hidden);
      add.put("classifier.weight", 1, hidden);
      add.put("classifier.bias", 1);
      try (OutputStream out = Files.newOutputStream(dir.resolve("model.safetensors"))) {
        tensors.encode(out, NDList.Encoding.SAFETENSORS);
      }
    }
    // bge-small's vocabulary is BERT's uncased one, the same ids ms-marco-MiniLM uses
    try (InputStream in = RerankBenchmark.class.getClassLoader().getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json")) {
      if (in == null) {
        throw new IOException("no bge-small-en-v1.5-q-tokenizer.json on the class path");
      }
      Files.copy(in, dir.resolve("tokenizer.json"));
    }
  }

  /** {@code count} passages of about {@code words} words of plain English, seeded. */
  static List<String> passages(int count, int words, Random random) {
    String[] vocabulary = ("the study found that patients with low vitamin levels had more infections during winter"
        + " while those who took supplements reported fewer symptoms and shorter illness across all age groups"
        + " researchers measured blood samples every month and adjusted for diet exercise sleep and smoking"
        + " although the effect was small it remained significant after controlling for season and region").split(" ");
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < words; w++) {
        sb.append(w == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
      }
      out.add(sb.append('.').toString());
    }
    return out;
  }

  @FunctionalInterface
  private interface Adder {
    void put(String name, long... shape);
  }
}
