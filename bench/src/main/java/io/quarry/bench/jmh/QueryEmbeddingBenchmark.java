package io.quarry.bench.jmh;

import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.EmbeddingModels;
import io.quarry.server.config.EmbeddingConfig;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.VectorUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One query embedding by the in-process ONNX encoder ({@link TextEncoder#encodeQuery}: tokenize
 * with the model's query prefix, one forward pass on the encoder's worker pool, pooling,
 * normalizing), built as the engine builds it: {@link EmbeddingModels#create} with the {@code
 * embedding.*} settings of a default configuration, {@code model} aside. The engine's default
 * model is bge-small-en-v1.5-q (12 layers); all-MiniLM-L6-v2-q (6 layers) is the other bundled
 * one. The texts are the set's queries in turn (SciFact's claims: about 15 words, 25 tokens with
 * bge's prefix). The engine wraps the model in a query cache; a new query misses it, and this is
 * what a miss costs.
 *
 * <p>Setup checks the encoder: unit-length vectors of its dimension, the same vector for the same
 * text, and a paraphrase nearer than an unrelated sentence.
 *
 * <pre>
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main QueryEmbeddingBenchmark
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main QueryEmbeddingBenchmark -p model=bge-small-en-v1.5-q
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
public class QueryEmbeddingBenchmark {

  @Param({EmbeddingModels.BGE_SMALL_EN_V15_Q, EmbeddingModels.ALL_MINILM_L6_V2_Q})
  String model;

  private TextEncoder encoder;
  private List<String> queries;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    setUp(CorpusIndex.Source.fromSystemProperties());
  }

  void setUp(CorpusIndex.Source source) throws IOException {
    queries = CorpusIndex.queries(source);
    EmbeddingConfig config = QuarryConfig.from(Settings.of(Map.of("embedding.model", model))).embedding();
    encoder = EmbeddingModels.create(config.model(), config.encoder());
    for (String q : queries) {
      float[] v = encoder.encodeQuery(q);
      if (v.length != encoder.dimension() || Math.abs(VectorUtil.dotProduct(v, v) - 1) > 1e-3) {
        throw new IllegalStateException("not a unit vector of dimension " + encoder.dimension() + " for '" + q
            + "': length " + v.length + ", squared norm " + VectorUtil.dotProduct(v, v));
      }
    }
    if (!Arrays.equals(encoder.encodeQuery(queries.getFirst()), encoder.encodeQuery(queries.getFirst()))) {
      throw new IllegalStateException("two embeddings of one text differ");
    }
    float[] claim = encoder.encodeQuery("vitamin D deficiency raises the risk of respiratory infections");
    float near = VectorUtil.dotProduct(claim, encoder.encodeQuery("low vitamin D levels make lung infections more likely"));
    float far = VectorUtil.dotProduct(claim, encoder.encodeQuery("the stock market closed higher on friday"));
    if (near <= far) {
      throw new IllegalStateException("a paraphrase (" + near + ") is no nearer than an unrelated text (" + far + ")");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    encoder.close();
  }

  /** The next query of the set, embedded. */
  @Benchmark
  public float[] encodeQuery() {
    String q = queries.get(next);
    next = next + 1 == queries.size() ? 0 : next + 1;
    return encoder.encodeQuery(q);
  }
}
