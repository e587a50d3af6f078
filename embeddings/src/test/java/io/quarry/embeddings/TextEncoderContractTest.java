package io.quarry.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.spi.TextEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link TextEncoder} implementation runs: subclass it, create the encoder
 * under test, and state how far batching may move a vector ({@link #minBatchCosine()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TextEncoderContractTest {

  /** Passages of clearly different lengths and topics. */
  protected static final List<String> PASSAGES = List.of(
      TestTexts.SENTENCES.get(0),
      TestTexts.longText(9),
      "The stock market closed higher on Friday after strong earnings from technology companies.",
      TestTexts.SENTENCES.get(5) + " " + TestTexts.SENTENCES.get(6),
      "The recipe calls for two cups of flour, a pinch of salt and three eggs.",
      TestTexts.longText(4));

  protected TextEncoder encoder;

  /** Creates the encoder under test (once per test class). */
  protected abstract TextEncoder createEncoder() throws Exception;

  /** Releases what {@link #createEncoder()} made; shared encoders are left open. */
  protected void release(TextEncoder encoder) throws Exception {}

  /**
   * Smallest cosine between a text embedded alone and the same text embedded in a batch with
   * others. 1 for exact encoders; below 1 for int8 dynamically quantized models, whose activation
   * scales are computed over the whole batch.
   */
  protected double minBatchCosine() {
    return 1 - 1e-6;
  }

  @BeforeAll
  void createIt() throws Exception {
    encoder = createEncoder();
  }

  @AfterAll
  void releaseIt() throws Exception {
    release(encoder);
  }

  @Test
  void should_report_a_model_id_and_a_positive_dimension() {
    assertFalse(encoder.modelId().isBlank());
    assertTrue(encoder.dimension() > 0);
  }

  @Test
  void should_return_vectors_of_the_declared_dimension_when_encoding() {
    assertEquals(encoder.dimension(), encoder.encodeQuery(TestTexts.QUERIES.get(0)).length);
    for (float[] v : encoder.encodePassages(PASSAGES)) {
      assertEquals(encoder.dimension(), v.length);
    }
  }

  @Test
  void should_return_unit_length_vectors_when_encoding() {
    List<float[]> all = new ArrayList<>(encoder.encodePassages(PASSAGES));
    all.add(encoder.encodeQuery(TestTexts.QUERIES.get(1)));
    for (float[] v : all) {
      assertEquals(1.0, Math.sqrt(Vectors.dot(v, v)), 1e-5);
    }
  }

  @Test
  void should_return_an_empty_list_when_no_passages_are_given() {
    assertTrue(encoder.encodePassages(List.of()).isEmpty());
  }

  @Test
  void should_preserve_input_order_when_passages_differ_in_length() {
    List<float[]> batch = encoder.encodePassages(PASSAGES);
    assertEquals(PASSAGES.size(), batch.size());
    List<float[]> alone = new ArrayList<>();
    for (String p : PASSAGES) {
      alone.add(encoder.encodePassages(List.of(p)).get(0));
    }
    for (int i = 0; i < PASSAGES.size(); i++) {
      double self = Vectors.dot(batch.get(i), alone.get(i));
      assertTrue(self >= minBatchCosine(), "passage " + i + " cosine to itself alone " + self);
      for (int j = 0; j < PASSAGES.size(); j++) {
        if (j != i) {
          assertTrue(self > Vectors.dot(batch.get(i), alone.get(j)), "passage " + i + " is closer to " + j);
        }
      }
    }
  }

  @Test
  void should_be_deterministic_when_the_same_call_repeats() {
    List<float[]> first = encoder.encodePassages(PASSAGES);
    List<float[]> second = encoder.encodePassages(PASSAGES);
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(first.get(i), second.get(i), 1e-6f, "passage " + i);
    }
    assertArrayEquals(encoder.encodeQuery(TestTexts.QUERIES.get(2)), encoder.encodeQuery(TestTexts.QUERIES.get(2)), 1e-6f);
  }

  @Test
  void should_rank_the_relevant_passage_first_when_queried() {
    float[] q = encoder.encodeQuery("does vitamin D deficiency raise the risk of respiratory infections in children");
    List<float[]> p = encoder.encodePassages(List.of(
        "The stock market closed higher on Friday after strong earnings from technology companies.",
        TestTexts.SENTENCES.get(0),
        "The recipe calls for two cups of flour, a pinch of salt and three eggs."));
    double relevant = Vectors.dot(q, p.get(1));
    assertTrue(relevant > Vectors.dot(q, p.get(0)) && relevant > Vectors.dot(q, p.get(2)),
        "scores " + Vectors.dot(q, p.get(0)) + ", " + relevant + ", " + Vectors.dot(q, p.get(2)));
  }

  @Test
  void should_reject_null_when_passages_contain_null() {
    assertThrows(NullPointerException.class, () -> encoder.encodePassages(Arrays.asList("a", null)));
    assertThrows(NullPointerException.class, () -> encoder.encodeQuery(null));
  }

  @Test
  void should_give_sequential_results_when_called_concurrently() throws Exception {
    List<float[]> expected = encoder.encodePassages(PASSAGES);
    float[] expectedQuery = encoder.encodeQuery(TestTexts.QUERIES.get(3));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          for (int r = 0; r < 3; r++) {
            List<float[]> got = encoder.encodePassages(PASSAGES);
            for (int i = 0; i < got.size(); i++) {
              assertArrayEquals(expected.get(i), got.get(i), 1e-5f, "passage " + i);
            }
            assertArrayEquals(expectedQuery, encoder.encodeQuery(TestTexts.QUERIES.get(3)), 1e-5f);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
