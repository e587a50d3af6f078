package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.quarry.embeddings.TestTexts;
import io.quarry.embeddings.onnx.Tokens;
import io.quarry.embeddings.rerank.OnnxCheckpoints.Source;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The NDArray forward pass against ONNX Runtime on the same weights: each fp32 ONNX export is
 * converted to a safetensors checkpoint ({@link OnnxCheckpoints}) and both engines run the same
 * padded batches. Hidden states must agree to {@value #TOLERANCE} (max abs diff over every
 * attended position, in batches with and without padding; padded positions are held to {@value
 * #PADDED_TOLERANCE}); the printed diffs are the measured numbers. Then the whole reranker ({@link
 * CrossEncoderReranker#score}) is checked end to end: its scores must equal the checkpoint's head
 * (pooler + classifier, recomputed here in plain Java)
 * applied to ONNX Runtime's [CLS] state.
 */
class OnnxParityTest {

  static final double TOLERANCE = 1e-4;

  /**
   * Padded positions' states are computed but never read (only the first token reaches the head);
   * they drift further (measured up to 1.3e-4), as their far, rarely trained positions give larger
   * activations.
   */
  static final double PADDED_TOLERANCE = 1e-3;

  private static final Map<Source, Onnx> SESSIONS = new EnumMap<>(Source.class);

  static synchronized Onnx onnx(Source source) throws OrtException {
    Onnx o = SESSIONS.get(source);
    if (o == null) {
      o = new Onnx(source.onnxBytes());
      SESSIONS.put(source, o);
    }
    return o;
  }

  @AfterAll
  static synchronized void closeSessions() throws OrtException {
    for (Onnx o : SESSIONS.values()) {
      o.close();
    }
    SESSIONS.clear();
  }

  /** Batches of different shapes: one pair alone, six pairs of mixed length, one at 512 tokens. */
  private static List<List<String>> batches() {
    return List.of(
        List.of(TestTexts.SENTENCES.get(3)),
        List.of(TestTexts.SENTENCES.get(0), TestTexts.longText(6), "short one",
            TestTexts.SENTENCES.get(5) + " " + TestTexts.SENTENCES.get(6), TestTexts.longText(2), "x"),
        List.of(TestTexts.longText(40), TestTexts.SENTENCES.get(1)));
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  void should_match_onnx_runtime_hidden_states_when_run_on_converted_weights(Source source) throws Exception {
    Path dir = OnnxCheckpoints.checkpoint(source);
    String query = TestTexts.QUERIES.get(0);
    double worst = 0;
    double worstPadded = 0;
    try (SafetensorsModel model = SafetensorsModel.load(dir, Device.cpu());
        PairTokenizer tokenizer = new PairTokenizer(Files.readAllBytes(dir.resolve("tokenizer.json")), 512)) {
      Onnx onnx = onnx(source);
      int hidden = model.config().hiddenSize();
      for (List<String> passages : batches()) {
        PaddedBatch batch = PaddedBatch.of(Arrays.asList(tokenizer.encode(query, passages)), tokenizer.padId());
        float[] expected = onnx.lastHiddenState(batch);
        float[] actual;
        try (NDManager m = model.manager().newSubManager()) {
          actual = model.forward().hiddenStates(batch.ids(m), batch.mask(m), batch.types(m)).toFloatArray();
        }
        assertEquals(expected.length, actual.length);
        double diff = 0;
        double padded = 0;
        for (int i = 0; i < actual.length; i++) {
          double d = Math.abs(actual[i] - expected[i]);
          int row = i / (batch.seq() * hidden);
          int pos = (i / hidden) % batch.seq();
          if (batch.attended(row, pos)) {
            diff = Math.max(diff, d);
          } else {
            padded = Math.max(padded, d);
          }
        }
        System.out.printf(Locale.ROOT, "%s batch %dx%d: max abs diff %.3g (attended), %.3g (padded)%n",
            source, batch.rows(), batch.seq(), diff, padded);
        worst = Math.max(worst, diff);
        worstPadded = Math.max(worstPadded, padded);
      }
    }
    assertTrue(worst <= TOLERANCE, source + ": max abs diff " + worst + " > " + TOLERANCE);
    assertTrue(worstPadded <= PADDED_TOLERANCE, source + ": padded max abs diff " + worstPadded);
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  void should_score_as_the_head_applied_to_onnx_runtime_states_when_reranking(Source source) throws Exception {
    Path dir = OnnxCheckpoints.checkpoint(source);
    String query = TestTexts.QUERIES.get(1);
    List<String> passages = TestTexts.passages(12, 6, 7);
    float[] scores;
    try (CrossEncoderReranker reranker = CrossEncoderReranker.open(RerankerConfig.of(dir).withBatch(5, 4096))) {
      scores = reranker.score(query, passages);
    }
    Head head = Head.read(dir);
    try (PairTokenizer tokenizer = new PairTokenizer(Files.readAllBytes(dir.resolve("tokenizer.json")), 512)) {
      Onnx onnx = onnx(source);
      Tokens[] tokens = tokenizer.encode(query, passages);
      double worst = 0;
      for (int i = 0; i < passages.size(); i++) {
        PaddedBatch one = PaddedBatch.of(List.of(tokens[i]), tokenizer.padId());
        float[] cls = Arrays.copyOf(onnx.lastHiddenState(one), head.hidden());
        worst = Math.max(worst, Math.abs(head.score(cls) - scores[i]));
      }
      System.out.printf(Locale.ROOT, "%s scores vs ONNX states + head: max abs diff %.3g%n", source, worst);
      assertTrue(worst <= TOLERANCE, source + ": score diff " + worst);
    }
  }

  /** ONNX Runtime on the export, returning {@code last_hidden_state} flattened. */
  static final class Onnx implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    Onnx(byte[] model) throws OrtException {
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        this.session = env.createSession(model, options);
      }
    }

    float[] lastHiddenState(PaddedBatch b) throws OrtException {
      long[] shape = {b.rows(), b.seq()};
      try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids()), shape);
          OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(b.mask()), shape);
          OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(b.types()), shape);
          OrtSession.Result r = session.run(
              Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
        FloatBuffer out = ((OnnxTensor) r.get("last_hidden_state").orElseThrow()).getFloatBuffer();
        float[] values = new float[out.remaining()];
        out.get(values);
        return values;
      }
    }

    @Override
    public void close() throws OrtException {
      session.close();
    }
  }
}
