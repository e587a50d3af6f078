package io.quarry.embeddings.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.quarry.embeddings.EmbeddingModels;
import io.quarry.embeddings.TestModels;
import io.quarry.embeddings.TestTexts;
import io.quarry.embeddings.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Our output against langchain4j's own models, which embed one text at a time with no padding.
 *
 * <p>Run one text per batch, we match langchain4j to float rounding (tokenizer, truncation,
 * pooling and normalisation are the same). Batched, the int8 models' DynamicQuantizeLinear picks
 * one activation scale for the whole [batch, length, hidden] tensor, so batch-mates (not padding:
 * two different texts of identical token length move each other just as much) shift a vector by
 * up to about 0.02 per component. The batched tolerances below are set from measurement (see the
 * printed lines): bge's worst cosine was 0.9960 over 41 texts, MiniLM's 0.9889 over 40.
 */
class LangchainParityTest {

  /** Unbatched: same computation up to float rounding. */
  static final double MAX_ABS_DIFF = 1e-4;

  static final double BGE_MIN_BATCH_COSINE = TestModels.BGE_MIN_BATCH_COSINE;
  static final double MINILM_MIN_BATCH_COSINE = TestModels.MINILM_MIN_BATCH_COSINE;

  private static final BgeSmallEnV15QuantizedEmbeddingModel L4J_BGE = new BgeSmallEnV15QuantizedEmbeddingModel();
  private static final AllMiniLmL6V2QuantizedEmbeddingModel L4J_MINILM = new AllMiniLmL6V2QuantizedEmbeddingModel();

  private static List<String> bgeTexts() {
    List<String> texts = new ArrayList<>(TestTexts.passages(40, 12, 7));
    texts.add(TestTexts.longText(22)); // about 450 tokens, near the limit
    return texts;
  }

  private static List<String> miniLmTexts() {
    return TestTexts.passages(40, 5, 11); // at most 5 sentences: under langchain4j's 128 tokens
  }

  @Test
  void should_match_langchain4j_when_bge_runs_one_text_per_batch() {
    try (OnnxBertEncoder one = new OnnxBertEncoder(EmbeddingModels.bgeSmallEnV15Q(), OnnxEncoderConfig.defaults().withBatch(1, 512))) {
      Stats s = compare("bge, batch 1", L4J_BGE, one.encodePassages(bgeTexts()), bgeTexts());
      assertTrue(s.maxDiff <= MAX_ABS_DIFF, s.toString());
    }
  }

  @Test
  void should_match_langchain4j_when_minilm_runs_one_text_per_batch() {
    try (OnnxBertEncoder one = new OnnxBertEncoder(EmbeddingModels.allMiniLmL6V2Q(), OnnxEncoderConfig.defaults().withBatch(1, 512))) {
      Stats s = compare("minilm, batch 1", L4J_MINILM, one.encodePassages(miniLmTexts()), miniLmTexts());
      assertTrue(s.maxDiff <= MAX_ABS_DIFF, s.toString());
    }
  }

  @Test
  void should_stay_within_the_int8_tolerance_when_bge_batches_with_padding() {
    OnnxBertEncoder batched = new OnnxBertEncoder(EmbeddingModels.bgeSmallEnV15Q(), OnnxEncoderConfig.defaults().withBatch(16, 16 * 512));
    try (batched) {
      Stats s = compare("bge, batch 16", L4J_BGE, batched.encodePassages(bgeTexts()), bgeTexts());
      assertTrue(s.minCos >= BGE_MIN_BATCH_COSINE, s.toString());
    }
  }

  @Test
  void should_stay_within_the_int8_tolerance_when_minilm_batches_with_padding() {
    OnnxBertEncoder batched = new OnnxBertEncoder(EmbeddingModels.allMiniLmL6V2Q(), OnnxEncoderConfig.defaults().withBatch(16, 16 * 512));
    try (batched) {
      Stats s = compare("minilm, batch 16", L4J_MINILM, batched.encodePassages(miniLmTexts()), miniLmTexts());
      assertTrue(s.minCos >= MINILM_MIN_BATCH_COSINE, s.toString());
    }
  }

  @Test
  void should_match_langchain4j_when_bge_queries_get_the_prefix() {
    double worst = 0;
    for (String q : TestTexts.QUERIES) {
      float[] ours = TestModels.bge().encodeQuery(q);
      float[] theirs = L4J_BGE.embed(EmbeddingModels.BGE_QUERY_PREFIX + q).content().vector();
      worst = Math.max(worst, Vectors.maxAbsDiff(ours, theirs));
    }
    System.out.printf(Locale.ROOT, "parity bge queries: max abs diff %.3g%n", worst);
    assertTrue(worst <= MAX_ABS_DIFF, "max abs diff " + worst);
  }

  @Test
  void should_give_the_same_vector_when_a_text_runs_alone_or_with_longer_texts() {
    String text = TestTexts.SENTENCES.get(3);
    List<String> mixed = List.of(TestTexts.longText(12), text, TestTexts.longText(7));
    try (OnnxBertEncoder one = new OnnxBertEncoder(EmbeddingModels.bgeSmallEnV15Q(), OnnxEncoderConfig.defaults().withBatch(1, 512))) {
      // one text per batch: the neighbours cannot matter
      assertArrayEquals(one.encodePassages(List.of(text)).get(0), one.encodePassages(mixed).get(1), 1e-6f);
    }
    OnnxBertEncoder batched = new OnnxBertEncoder(EmbeddingModels.bgeSmallEnV15Q(), OnnxEncoderConfig.defaults().withBatch(16, 16 * 512));
    try (batched) {
      float[] alone = batched.encodePassages(List.of(text)).get(0);
      float[] padded = batched.encodePassages(mixed).get(1);
      double cos = Vectors.dot(alone, padded);
      System.out.printf(Locale.ROOT, "bge alone vs padded among longer texts: cosine %.6f, max abs diff %.3g%n",
          cos, Vectors.maxAbsDiff(alone, padded));
      assertTrue(cos >= BGE_MIN_BATCH_COSINE, "cosine " + cos);
    }
  }

  @Test
  void should_truncate_like_langchain4j_when_bge_text_exceeds_512_tokens() {
    // langchain4j's tokenizer truncates at 512 before its 510-token splitting, so both truncate
    String text = TestTexts.longText(60);
    long before = TestModels.bge().truncatedCount();
    float[] ours = TestModels.bge().encodePassages(List.of(text)).get(0);
    float[] theirs = L4J_BGE.embed(text).content().vector();
    assertEquals(before + 1, TestModels.bge().truncatedCount());
    assertTrue(Vectors.maxAbsDiff(ours, theirs) <= MAX_ABS_DIFF, "diff " + Vectors.maxAbsDiff(ours, theirs));
  }

  @Test
  void should_keep_256_tokens_when_minilm_text_is_longer_than_langchain4js_128() {
    String text = TestTexts.longText(10); // about 200 tokens
    long before = TestModels.minilm().truncatedCount();
    float[] ours = TestModels.minilm().encodePassages(List.of(text)).get(0);
    assertEquals(before, TestModels.minilm().truncatedCount());
    float[] theirs = L4J_MINILM.embed(text).content().vector();
    // langchain4j saw only the first 128 tokens
    assertTrue(Vectors.dot(ours, theirs) < 0.999, "cosine " + Vectors.dot(ours, theirs));
    TestModels.minilm().encodePassages(List.of(TestTexts.longText(30))); // about 550 tokens
    assertEquals(before + 1, TestModels.minilm().truncatedCount());
  }

  private record Stats(String label, int n, double maxDiff, double minCos) {}

  private static Stats compare(String label, EmbeddingModel l4j, List<float[]> ours, List<String> texts) {
    double maxDiff = 0;
    double minCos = 1;
    for (int i = 0; i < texts.size(); i++) {
      float[] theirs = l4j.embed(texts.get(i)).content().vector();
      maxDiff = Math.max(maxDiff, Vectors.maxAbsDiff(ours.get(i), theirs));
      minCos = Math.min(minCos, Vectors.dot(ours.get(i), theirs));
    }
    Stats s = new Stats(label, texts.size(), maxDiff, minCos);
    System.out.printf(Locale.ROOT, "parity %s: %d texts, max abs diff %.3g, min cosine %.6f%n", label, s.n, maxDiff, minCos);
    return s;
  }
}
