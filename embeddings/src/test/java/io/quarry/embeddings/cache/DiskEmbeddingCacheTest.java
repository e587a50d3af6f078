package io.quarry.embeddings.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskEmbeddingCacheTest {

  private static final int DIM = 8;
  private static final int RECORD = 16 + 4 * DIM + 4;

  @TempDir Path dir;

  /** A deterministic vector per text, so any mix-up is visible. */
  static float[] vector(String text) {
    Random r = new Random(text.hashCode());
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = r.nextFloat() - 0.5f;
    }
    return v;
  }

  private static void putTexts(DiskEmbeddingCache cache, int from, int to) {
    List<TextKey> keys = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (int i = from; i < to; i++) {
      keys.add(TextKey.of("text " + i));
      vectors.add(vector("text " + i));
    }
    cache.putAll(keys, vectors);
  }

  @Test
  void should_return_stored_vectors_when_reopened() {
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      putTexts(cache, 0, 10);
      assertArrayEquals(vector("text 3"), cache.get(TextKey.of("text 3")));
      assertNull(cache.get(TextKey.of("never stored")));
    }
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      assertEquals(10, cache.size());
      for (int i = 0; i < 10; i++) {
        assertArrayEquals(vector("text " + i), cache.get(TextKey.of("text " + i)));
      }
      assertEquals(0, cache.truncatedBytes());
    }
  }

  @Test
  void should_keep_the_first_vector_when_a_key_is_put_again() throws IOException {
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      TextKey k = TextKey.of("a");
      cache.put(k, vector("a"));
      long size = Files.size(cache.file());
      cache.putAll(List.of(k, k), List.of(vector("b"), vector("c")));
      assertArrayEquals(vector("a"), cache.get(k));
      assertEquals(size, Files.size(cache.file()));
    }
  }

  @Test
  void should_drop_a_torn_tail_when_the_last_record_is_partial() throws IOException {
    Path file;
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      putTexts(cache, 0, 5);
      file = cache.file();
    }
    long intact = Files.size(file);
    Files.write(file, new byte[RECORD - 7], StandardOpenOption.APPEND); // a record cut short
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      assertEquals(5, cache.size());
      assertEquals(RECORD - 7, cache.truncatedBytes());
      assertEquals(intact, Files.size(file));
      putTexts(cache, 5, 6); // appends after the cut
    }
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      assertEquals(6, cache.size());
      assertArrayEquals(vector("text 5"), cache.get(TextKey.of("text 5")));
    }
  }

  @Test
  void should_drop_the_last_record_when_its_checksum_fails() throws IOException {
    Path file;
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      putTexts(cache, 0, 5);
      file = cache.file();
    }
    flipByte(file, Files.size(file) - 10); // inside the last record's floats
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      assertEquals(4, cache.size());
      assertEquals(RECORD, cache.truncatedBytes());
      assertNull(cache.get(TextKey.of("text 4")));
      assertArrayEquals(vector("text 3"), cache.get(TextKey.of("text 3")));
    }
  }

  @Test
  void should_skip_a_corrupt_record_when_it_is_not_at_the_tail() throws IOException {
    Path file;
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      putTexts(cache, 0, 5);
      file = cache.file();
    }
    long size = Files.size(file);
    flipByte(file, size - 3 * RECORD + 20); // record 2 of 0..4
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      assertEquals(4, cache.size());
      assertEquals(1, cache.skippedRecords());
      assertEquals(0, cache.truncatedBytes());
      assertNull(cache.get(TextKey.of("text 2")));
      assertArrayEquals(vector("text 4"), cache.get(TextKey.of("text 4")));
    }
  }

  @Test
  void should_not_serve_a_record_when_it_is_damaged_after_open() throws IOException {
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      putTexts(cache, 0, 3);
      flipByte(cache.file(), Files.size(cache.file()) - 10);
      assertNull(cache.get(TextKey.of("text 2")));
      assertArrayEquals(vector("text 1"), cache.get(TextKey.of("text 1")));
    }
  }

  @Test
  void should_keep_models_apart_when_ids_differ() throws IOException {
    TextKey k = TextKey.of("same text");
    try (DiskEmbeddingCache a = DiskEmbeddingCache.open(dir, "model-a", DIM);
        DiskEmbeddingCache b = DiskEmbeddingCache.open(dir, "model/a", DIM)) {
      assertNotEquals(a.file(), b.file());
      a.put(k, vector("for a"));
      b.put(k, vector("for b"));
      assertArrayEquals(vector("for a"), a.get(k));
      assertArrayEquals(vector("for b"), b.get(k));
    }
    // a file renamed to another model's name is refused, not mixed in
    Path other = DiskEmbeddingCache.fileFor(dir, "model-c");
    Files.copy(DiskEmbeddingCache.fileFor(dir, "model-a"), other, StandardCopyOption.REPLACE_EXISTING);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> DiskEmbeddingCache.open(dir, "model-c", DIM));
    assertTrue(e.getMessage().contains("'model-a'") && e.getMessage().contains("'model-c'"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> DiskEmbeddingCache.open(dir, "model-a", DIM + 1));
  }

  @Test
  void should_refuse_a_second_open_when_the_file_is_in_use() {
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> DiskEmbeddingCache.open(dir, "m", DIM));
      assertTrue(e.getMessage().contains(cache.file().toString()), e.getMessage());
    }
    DiskEmbeddingCache.open(dir, "m", DIM).close(); // released on close
  }

  @Test
  void should_throw_when_used_after_close() {
    DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM);
    cache.close();
    assertThrows(IllegalStateException.class, () -> cache.get(TextKey.of("x")));
    assertThrows(IllegalStateException.class, () -> cache.put(TextKey.of("x"), vector("x")));
  }

  @Test
  void should_start_afresh_when_the_header_itself_was_torn() throws IOException {
    Files.write(DiskEmbeddingCache.fileFor(dir, "m"), new byte[] {0x51, 0x45});
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      assertEquals(0, cache.size());
      putTexts(cache, 0, 2);
    }
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      assertEquals(2, cache.size());
    }
  }

  @Test
  void should_reject_vectors_when_the_dimension_is_wrong() {
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> cache.put(TextKey.of("x"), new float[DIM + 1]));
      assertEquals("illegal vector: dimension 9, must be 8", e.getMessage());
    }
  }

  @Test
  void should_stay_consistent_when_threads_race_to_read_and_append() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("DiskEmbeddingCacheTest seed " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    int texts = 300;
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          Random random = new Random(seed + t);
          futures.add(pool.submit(() -> {
            for (int op = 0; op < 300; op++) {
              int n = 1 + random.nextInt(5);
              List<TextKey> keys = new ArrayList<>();
              List<float[]> vectors = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                String text = "text " + random.nextInt(texts);
                float[] got = cache.get(TextKey.of(text));
                if (got != null) {
                  assertArrayEquals(vector(text), got, text);
                } else {
                  keys.add(TextKey.of(text));
                  vectors.add(vector(text));
                }
              }
              cache.putAll(keys, vectors);
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
      assertEquals((Files.size(cache.file()) - headerSize(cache)) / RECORD, cache.size(), "one record per key");
    }
    try (DiskEmbeddingCache cache = DiskEmbeddingCache.open(dir, "m", DIM)) {
      for (int i = 0; i < texts; i++) {
        float[] got = cache.get(TextKey.of("text " + i));
        if (got != null) {
          assertArrayEquals(vector("text " + i), got);
        }
      }
      assertTrue(cache.size() > texts / 2, "size " + cache.size());
    }
  }

  private static long headerSize(DiskEmbeddingCache cache) {
    return 16 + cache.modelId().length() + 4;
  }

  private static void flipByte(Path file, long position) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, position);
      b.put(0, (byte) (b.get(0) ^ 0x5A));
      b.rewind();
      ch.write(b, position);
    }
  }
}
