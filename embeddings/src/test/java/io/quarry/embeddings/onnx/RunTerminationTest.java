package io.quarry.embeddings.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import io.quarry.embeddings.EmbeddingModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real ONNX Runtime run of the real bge-small model stops when its {@link RunControl} is
 * terminated: the deep and fast paths terminate an abandoned query embedding so it frees its core.
 */
class RunTerminationTest {

  private static OnnxModelSpec spec;
  private static BertTokenizer tokenizer;
  private static BertSession session;

  @BeforeAll
  static void load() throws Exception {
    spec = EmbeddingModels.bgeSmallEnV15Q();
    tokenizer = new BertTokenizer(spec.files().tokenizerJson(), spec.maxLength());
    session = new BertSession(spec.files(), 1);
  }

  @AfterAll
  static void close() throws Exception {
    session.close();
    tokenizer.close();
  }

  /** A batch of 32 texts of 512 tokens: seconds of work on one thread. */
  private static List<Tokens> longBatch() {
    List<Tokens> batch = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      batch.add(tokenizer.encode(("retrieval under a deadline number " + i + " ").repeat(120)));
    }
    return batch;
  }

  @Test
  void should_not_run_once_terminated() throws Exception {
    try (RunControl control = new RunControl()) {
      control.terminate();
      OrtException e = assertThrows(OrtException.class,
          () -> session.run(List.of(tokenizer.encode("a query")), tokenizer.padId(), spec.pooling(), control.options()));
      assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("terminat"), e.getMessage());
    }
    // the session itself is unharmed
    assertEquals(1, session.run(List.of(tokenizer.encode("a query")), tokenizer.padId(), spec.pooling()).length);
  }

  @Test
  void should_stop_a_running_batch_when_terminated() throws Exception {
    List<Tokens> batch = longBatch();
    try (RunControl control = new RunControl()) {
      CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
        try {
          session.run(batch, tokenizer.padId(), spec.pooling(), control.options());
          return null;
        } catch (Throwable t) {
          return t;
        }
      });
      Thread.sleep(50); // the run is under way (or not yet started: it then exits at once)
      control.terminate();
      // terminated, the run ends in a fraction of the seconds the batch needs
      Throwable t = outcome.get(2, TimeUnit.MINUTES);
      assertTrue(t instanceof OrtException, "the run completed instead of stopping: " + t);
    }
  }
}
