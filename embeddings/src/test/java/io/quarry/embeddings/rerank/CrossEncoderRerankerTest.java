package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.embeddings.EmbeddingException;
import io.quarry.embeddings.TestTexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SPI contract does not cover: lifecycle, batch accounting, TorchScript files that fail. */
class CrossEncoderRerankerTest {

  @Test
  void should_refuse_calls_after_close_and_close_twice_quietly(@TempDir Path dir) throws Exception {
    CrossEncoderReranker r = CrossEncoderReranker.open(RerankerConfig.of(TinyCheckpoint.bert(8, 2, 1, 1).writeTo(dir)));
    r.close();
    r.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.score("q", List.of("p")));
    assertEquals("reranker " + dir.getFileName() + " is closed", e.getMessage());
  }

  @Test
  void should_warm_up_with_one_batch_and_count_batches(@TempDir Path dir) throws Exception {
    RerankerConfig config = RerankerConfig.of(TinyCheckpoint.bert(8, 2, 1, 2).writeTo(dir)).withBatch(3, 4096)
        .withThreads(1, 1); // one worker: with two, every call is split into an even number of batches
    try (CrossEncoderReranker r = CrossEncoderReranker.open(config)) {
      assertEquals(1, r.batchCount(), "open() runs one warm-up batch");
      r.score("q", TestTexts.passages(7, 3, 1));
      assertEquals(1 + 3, r.batchCount(), "7 pairs in batches of at most 3");
      assertEquals(0, r.truncatedCount());
    }
  }

  @Test
  void should_leave_later_batches_unrun_when_interrupted(@TempDir Path dir) throws Exception {
    // a wider tiny model, one pair per batch: 300 batches, each a few milliseconds
    RerankerConfig config = RerankerConfig.of(TinyCheckpoint.bert(64, 4, 1, 3).writeTo(dir)).withBatch(1, 4096);
    try (CrossEncoderReranker r = CrossEncoderReranker.open(config)) {
      List<String> passages = TestTexts.passages(300, 8, 3);
      long before = r.batchCount();
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread caller = new Thread(() -> {
        try {
          r.score("q", passages);
          outcome.complete(null);
        } catch (Throwable t) {
          outcome.complete(t);
        }
      });
      caller.start();
      while (r.batchCount() == before) {
        Thread.onSpinWait();
      }
      caller.interrupt();
      assertTrue(outcome.get(1, TimeUnit.MINUTES) instanceof CancellationException);
      caller.join();
      Thread.sleep(50); // a batch already running may still finish
      long ran = r.batchCount() - before;
      assertTrue(ran < passages.size(), "ran " + ran + " of " + passages.size() + " batches");
    }
  }

  @Test
  void should_name_the_file_when_torchscript_is_not_a_module(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cross-encoder.pt");
    Files.writeString(file, "not a TorchScript archive");
    Files.write(dir.resolve("tokenizer.json"), OnnxCheckpoints.Source.MINILM.tokenizerBytes());
    EmbeddingException e = assertThrows(EmbeddingException.class, () -> CrossEncoderReranker.open(RerankerConfig.of(file)));
    assertTrue(e.getMessage().startsWith("cannot load reranker from " + file + ": cannot load " + file + " as TorchScript"),
        e.getMessage());
  }

  @Test
  void should_take_the_model_id_from_the_file_or_directory_name(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("ms-marco.pt"), "x");
    assertEquals("ms-marco", CrossEncoderReranker.modelId(file));
    assertEquals(dir.getFileName().toString(), CrossEncoderReranker.modelId(dir));
  }

  @org.junit.jupiter.api.Test
  void batchesShareTheWindowEvenlyBetweenTheWorkers() {
    org.junit.jupiter.api.Assertions.assertEquals(5, CrossEncoderReranker.batchSize(10, 2, 8)); // 5 + 5, not 8 + 2
    org.junit.jupiter.api.Assertions.assertEquals(5, CrossEncoderReranker.batchSize(20, 2, 8)); // 4 batches of 5
    org.junit.jupiter.api.Assertions.assertEquals(8, CrossEncoderReranker.batchSize(32, 2, 8));
    org.junit.jupiter.api.Assertions.assertEquals(1, CrossEncoderReranker.batchSize(1, 2, 8));
    org.junit.jupiter.api.Assertions.assertEquals(10, CrossEncoderReranker.batchSize(10, 1, 16));
    org.junit.jupiter.api.Assertions.assertEquals(7, CrossEncoderReranker.batchSize(50, 2, 8)); // 8 batches: 7 x 7 + 1
  }
}
