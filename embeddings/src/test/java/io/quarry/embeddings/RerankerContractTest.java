package io.quarry.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.spi.Reranker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link Reranker} runs: subclass it and create the reranker under test. It
 * must be configured so that {@link #manyPassages()} takes several batches (the interruption test
 * needs batches to stop between).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RerankerContractTest {

  /** Passages of clearly different lengths and topics. */
  protected static final List<String> PASSAGES = List.of(
      TestTexts.SENTENCES.get(0),
      TestTexts.longText(9),
      "The stock market closed higher on Friday after strong earnings from technology companies.",
      TestTexts.SENTENCES.get(5) + " " + TestTexts.SENTENCES.get(6),
      "flour",
      TestTexts.longText(4));

  protected Reranker reranker;

  /** Creates the reranker under test (once per test class). */
  protected abstract Reranker createReranker() throws Exception;

  /** How far a score may move between a pair scored alone and in a batch. */
  protected double batchTolerance() {
    return 1e-4;
  }

  /** Enough passages for many batches and at least a second of work. */
  protected List<String> manyPassages() {
    return TestTexts.passages(200, 6, 42);
  }

  @BeforeAll
  void createIt() throws Exception {
    reranker = createReranker();
  }

  @AfterAll
  void releaseIt() {
    reranker.close();
  }

  @Test
  void should_report_a_model_id_and_a_device() {
    assertFalse(reranker.modelId().isBlank());
    assertFalse(reranker.device().isBlank());
  }

  @Test
  void should_return_an_empty_array_when_no_passages_are_given() {
    assertEquals(0, reranker.score("anything", List.of()).length);
  }

  @Test
  void should_return_one_finite_score_per_passage_in_input_order() {
    float[] batched = reranker.score(TestTexts.QUERIES.get(0), PASSAGES);
    assertEquals(PASSAGES.size(), batched.length);
    for (int i = 0; i < PASSAGES.size(); i++) {
      float alone = reranker.score(TestTexts.QUERIES.get(0), List.of(PASSAGES.get(i)))[0];
      assertTrue(Float.isFinite(alone));
      assertEquals(alone, batched[i], batchTolerance(), "passage " + i);
    }
    // the scores really differ, so the order check above has teeth
    assertTrue(Arrays.stream(toDoubles(batched)).distinct().count() == PASSAGES.size(), Arrays.toString(batched));
  }

  @Test
  void should_keep_each_score_when_passages_are_shuffled() {
    float[] forward = reranker.score(TestTexts.QUERIES.get(1), PASSAGES);
    List<String> reversed = new ArrayList<>(PASSAGES);
    java.util.Collections.reverse(reversed);
    float[] backward = reranker.score(TestTexts.QUERIES.get(1), reversed);
    for (int i = 0; i < PASSAGES.size(); i++) {
      assertEquals(forward[i], backward[PASSAGES.size() - 1 - i], batchTolerance(), "passage " + i);
    }
  }

  @Test
  void should_be_deterministic_when_the_same_call_repeats() {
    assertArrayEquals(reranker.score(TestTexts.QUERIES.get(2), PASSAGES), reranker.score(TestTexts.QUERIES.get(2), PASSAGES));
  }

  @Test
  void should_reject_null_when_the_query_or_a_passage_is_null() {
    assertThrows(NullPointerException.class, () -> reranker.score(null, PASSAGES));
    assertThrows(NullPointerException.class, () -> reranker.score("q", null));
    assertThrows(NullPointerException.class, () -> reranker.score("q", Arrays.asList("a", null)));
  }

  @Test
  void should_give_sequential_results_when_called_concurrently() throws Exception {
    float[] expected = reranker.score(TestTexts.QUERIES.get(3), PASSAGES);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          for (int r = 0; r < 3; r++) {
            assertArrayEquals(expected, reranker.score(TestTexts.QUERIES.get(3), PASSAGES), 1e-5f);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void should_throw_cancellation_at_once_when_the_thread_is_already_interrupted() {
    Thread.currentThread().interrupt();
    try {
      assertThrows(CancellationException.class, () -> reranker.score("q", PASSAGES));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void should_stop_between_batches_when_the_calling_thread_is_interrupted() throws Exception {
    List<String> many = manyPassages();
    long full = System.nanoTime();
    reranker.score(TestTexts.QUERIES.get(0), many.subList(0, many.size() / 4));
    long quarterNanos = System.nanoTime() - full;

    // The interrupted call has 16 quarters of work, so a bound of 3 quarters (slack for a busy
    // machine) still tells "stopped between batches" from "ran to the end".
    List<String> sixteenQuarters = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sixteenQuarters.addAll(many);
    }
    AtomicBoolean flagKept = new AtomicBoolean();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        reranker.score(TestTexts.QUERIES.get(0), sixteenQuarters);
        outcome.complete(null);
      } catch (Throwable t) {
        flagKept.set(Thread.currentThread().isInterrupted());
        outcome.complete(t);
      }
    });
    caller.start();
    Thread.sleep(Math.max(20, quarterNanos / 4_000_000)); // well inside the first quarter
    long interrupted = System.nanoTime();
    caller.interrupt();
    Throwable t = outcome.get(2, TimeUnit.MINUTES);
    long stopNanos = System.nanoTime() - interrupted;
    assertTrue(t instanceof CancellationException, "expected CancellationException, got " + t);
    assertTrue(flagKept.get(), "the interrupt flag stays set");
    // the whole call would take about 16 quarters; stopping must not wait for the rest
    assertTrue(stopNanos < 3 * quarterNanos, "stopped after " + stopNanos / 1e6 + " ms; a quarter of the work takes "
        + quarterNanos / 1e6 + " ms");
    caller.join();
    // and the reranker still works afterwards
    assertEquals(2, reranker.score("q", PASSAGES.subList(0, 2)).length);
  }

  private static double[] toDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
