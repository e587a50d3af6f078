package io.quarry.embeddings.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.embeddings.CountingEncoder;
import io.quarry.embeddings.TestModels;
import io.quarry.embeddings.TestTexts;
import io.quarry.embeddings.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CachingEncoder over the real MiniLM encoder, counted. */
class CachingEncoderTest {

  @TempDir Path dir;

  private CountingEncoder counted() {
    return new CountingEncoder(TestModels.minilm(), false);
  }

  @Test
  void should_run_no_inference_when_the_same_passages_come_again() {
    List<String> passages = TestTexts.passages(30, 4, 3);
    CountingEncoder inner = counted();
    try (CachingEncoder enc = CachingEncoder.open(inner, dir, 16)) {
      List<float[]> first = enc.encodePassages(passages);
      int distinct = (int) passages.stream().distinct().count();
      assertEquals(1, inner.passageCalls.get(), "misses go in one batched call");
      assertEquals(distinct, inner.passagesEncoded.get(), "duplicates are encoded once");

      List<float[]> second = enc.encodePassages(passages);
      assertEquals(1, inner.passageCalls.get(), "second pass: no inference");
      for (int i = 0; i < passages.size(); i++) {
        assertArrayEquals(first.get(i), second.get(i), "passage " + i);
      }
      CacheStats stats = enc.stats();
      assertEquals(passages.size(), stats.passageHits(), "every passage of the second pass");
      assertEquals(distinct, stats.passageMisses());
      assertEquals(distinct, stats.passageEntries());
    }
  }

  @Test
  void should_encode_only_the_new_passages_when_some_are_cached() {
    CountingEncoder inner = counted();
    try (CachingEncoder enc = CachingEncoder.open(inner, dir, 0)) {
      enc.encodePassages(List.of(TestTexts.SENTENCES.get(0), TestTexts.SENTENCES.get(1)));
      List<float[]> mixed = enc.encodePassages(List.of(TestTexts.SENTENCES.get(2), TestTexts.SENTENCES.get(0)));
      assertEquals(2, inner.passageCalls.get());
      assertEquals(3, inner.passagesEncoded.get());
      float[] alone = TestModels.minilm().encodePassages(List.of(TestTexts.SENTENCES.get(2))).get(0);
      assertTrue(Vectors.dot(alone, mixed.get(0)) > 0.999, "order kept: the new passage comes first");
    }
  }

  @Test
  void should_keep_entries_when_reopened_after_close() {
    List<String> passages = TestTexts.passages(10, 3, 5);
    List<float[]> first;
    try (CachingEncoder enc = CachingEncoder.open(counted(), dir, 16)) {
      first = enc.encodePassages(passages);
    }
    CountingEncoder inner = counted();
    try (CachingEncoder enc = CachingEncoder.open(inner, dir, 16)) {
      List<float[]> again = enc.encodePassages(passages);
      assertEquals(0, inner.passageCalls.get());
      for (int i = 0; i < passages.size(); i++) {
        assertArrayEquals(first.get(i), again.get(i));
      }
    }
  }

  @Test
  void should_never_mix_models_when_two_share_a_directory() {
    String text = TestTexts.SENTENCES.get(4);
    try (CachingEncoder minilm = CachingEncoder.open(counted(), dir, 0);
        CachingEncoder bge = CachingEncoder.open(new CountingEncoder(TestModels.bge(), false), dir, 0)) {
      float[] a = minilm.encodePassages(List.of(text)).get(0);
      float[] b = bge.encodePassages(List.of(text)).get(0);
      assertArrayEquals(a, minilm.encodePassages(List.of(text)).get(0));
      assertArrayEquals(b, bge.encodePassages(List.of(text)).get(0));
      assertTrue(Vectors.dot(a, b) < 0.9, "different models give different vectors");
    }
  }

  @Test
  void should_answer_repeated_queries_from_memory_when_the_lru_has_room() {
    CountingEncoder inner = counted();
    try (CachingEncoder enc = CachingEncoder.open(inner, dir, 2)) {
      float[] q0 = enc.encodeQuery(TestTexts.QUERIES.get(0));
      assertArrayEquals(q0, enc.encodeQuery(TestTexts.QUERIES.get(0)));
      assertEquals(1, inner.queryCalls.get());
      enc.encodeQuery(TestTexts.QUERIES.get(1));
      enc.encodeQuery(TestTexts.QUERIES.get(2)); // evicts query 0, the least recently used
      enc.encodeQuery(TestTexts.QUERIES.get(0));
      assertEquals(4, inner.queryCalls.get());
      CacheStats stats = enc.stats();
      assertEquals(1, stats.queryHits());
      assertEquals(4, stats.queryMisses());
      assertEquals(2, stats.queryEntries());
      q0[0] = 42; // callers cannot corrupt the cache
      assertTrue(enc.encodeQuery(TestTexts.QUERIES.get(0))[0] != 42);
    }
  }

  @Test
  void should_always_encode_queries_when_the_lru_is_disabled() {
    CountingEncoder inner = counted();
    try (CachingEncoder enc = CachingEncoder.open(inner, dir, 0)) {
      enc.encodeQuery(TestTexts.QUERIES.get(0));
      enc.encodeQuery(TestTexts.QUERIES.get(0));
      assertEquals(2, inner.queryCalls.get());
      assertEquals(0, enc.stats().queryEntries());
    }
    assertThrows(IllegalArgumentException.class, () -> CachingEncoder.open(counted(), dir, -1));
  }

  @Test
  void should_stay_consistent_when_threads_share_the_cache() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("CachingEncoderTest seed " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    List<String> pool = TestTexts.passages(40, 3, seed);
    List<float[]> reference = TestModels.minilm().encodePassages(pool);
    CountingEncoder inner = counted();
    try (CachingEncoder enc = CachingEncoder.open(inner, dir, 8)) {
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          Random random = new Random(seed + t);
          futures.add(threads.submit(() -> {
            for (int op = 0; op < 8; op++) {
              List<Integer> picks = new ArrayList<>();
              for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                picks.add(random.nextInt(pool.size()));
              }
              List<float[]> got = enc.encodePassages(picks.stream().map(pool::get).toList());
              for (int i = 0; i < picks.size(); i++) {
                // int8 batch-mates move a vector a little: same text, near-identical vector
                double cos = Vectors.dot(reference.get(picks.get(i)), got.get(i));
                assertTrue(cos > 0.98, "pick " + picks.get(i) + " cosine " + cos);
              }
              enc.encodeQuery(TestTexts.QUERIES.get(random.nextInt(TestTexts.QUERIES.size())));
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        threads.shutdownNow();
      }
      CacheStats stats = enc.stats();
      assertTrue(stats.passageMisses() >= stats.passageEntries(), stats.toString());
      enc.encodePassages(pool);
      assertEquals(pool.stream().distinct().count(), enc.stats().passageEntries());
      int calls = inner.passageCalls.get();
      enc.encodePassages(pool);
      assertEquals(calls, inner.passageCalls.get(), "everything cached now");
      assertEquals(32, stats.queryHits() + stats.queryMisses());
    }
  }
}
