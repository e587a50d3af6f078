package io.quarry.embeddings.cache;

import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.EmbeddingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TextEncoder} decorator that remembers embeddings: passages in a {@link
 * DiskEmbeddingCache} (survives restarts), queries in a bounded in-memory LRU.
 *
 * <p>Contract: same model id, dimension and vectors as the wrapped encoder. {@link
 * #encodePassages} looks every passage up by {@link TextKey}, sends only the distinct misses to
 * the wrapped encoder in one batched call, appends them to the disk cache and returns all vectors
 * in input order; a second pass over unchanged text runs no inference. Queries are cached by exact
 * text (the wrapped encoder adds any prefix); size 0 disables the query cache.
 *
 * <p>Cost: a hit is a SHA-256 of the text plus one small file read; misses cost what the wrapped
 * encoder costs plus one append.
 *
 * <p>Thread-safe when the wrapped encoder is. Two threads missing the same text at once may both
 * encode it; the first vector appended is the one kept. {@link #close()} closes the disk cache
 * and the wrapped encoder.
 */
public final class CachingEncoder implements TextEncoder {

  /** Default number of query vectors kept in memory. */
  public static final int DEFAULT_QUERY_CACHE_SIZE = 1024;

  private final TextEncoder inner;
  private final DiskEmbeddingCache passages;
  private final QueryCache queries;
  private final AtomicLong passageHits = new AtomicLong();
  private final AtomicLong passageMisses = new AtomicLong();
  private final AtomicLong queryHits = new AtomicLong();
  private final AtomicLong queryMisses = new AtomicLong();

  /**
   * Wraps {@code inner}; takes ownership of both.
   *
   * @param queryCacheSize query vectors kept in memory, at least 0 (0 disables)
   * @throws IllegalArgumentException if the cache was opened for another model id or dimension
   */
  public CachingEncoder(TextEncoder inner, DiskEmbeddingCache passages, int queryCacheSize) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.passages = Objects.requireNonNull(passages, "passages");
    if (!passages.modelId().equals(inner.modelId()) || passages.dimension() != inner.dimension()) {
      throw new IllegalArgumentException("illegal cache: it holds " + passages.modelId() + " (dimension "
          + passages.dimension() + "), the encoder is " + inner.modelId() + " (dimension " + inner.dimension() + ")");
    }
    this.queries = new QueryCache(queryCacheSize);
  }

  /**
   * Opens the disk cache for {@code inner}'s model id under {@code directory} and wraps {@code
   * inner}. If the cache cannot be opened, {@code inner} is closed and the error rethrown.
   */
  public static CachingEncoder open(TextEncoder inner, Path directory, int queryCacheSize) {
    try {
      return new CachingEncoder(inner, DiskEmbeddingCache.open(directory, inner.modelId(), inner.dimension()), queryCacheSize);
    } catch (RuntimeException e) {
      inner.close();
      throw e;
    }
  }

  @Override
  public String modelId() {
    return inner.modelId();
  }

  @Override
  public int dimension() {
    return inner.dimension();
  }

  /** The wrapped encoder. */
  public TextEncoder inner() {
    return inner;
  }

  /** A snapshot of the counters. */
  public CacheStats stats() {
    return new CacheStats(passageHits.get(), passageMisses.get(), queryHits.get(), queryMisses.get(),
        passages.size(), queries.size());
  }

  @Override
  public float[] encodeQuery(String query) {
    Objects.requireNonNull(query, "query");
    float[] hit = queries.get(query);
    if (hit != null) {
      queryHits.incrementAndGet();
      return hit;
    }
    queryMisses.incrementAndGet();
    float[] v = inner.encodeQuery(query);
    queries.put(query, v);
    return v;
  }

  @Override
  public List<float[]> encodePassages(List<String> texts) {
    Objects.requireNonNull(texts, "passages");
    float[][] out = new float[texts.size()][];
    Map<TextKey, String> missing = new LinkedHashMap<>();
    TextKey[] keys = new TextKey[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new NullPointerException("passages contains null at index " + i);
      }
      keys[i] = TextKey.of(text);
      out[i] = passages.get(keys[i]);
      if (out[i] == null) {
        missing.putIfAbsent(keys[i], text);
      }
    }
    passageHits.addAndGet(texts.size() - countNulls(out));
    if (!missing.isEmpty()) {
      passageMisses.addAndGet(missing.size());
      List<TextKey> missKeys = new ArrayList<>(missing.keySet());
      List<float[]> encoded = inner.encodePassages(new ArrayList<>(missing.values()));
      if (encoded.size() != missKeys.size()) {
        throw new EmbeddingException("encoder " + inner.modelId() + " returned " + encoded.size()
            + " vectors for " + missKeys.size() + " passages");
      }
      passages.putAll(missKeys, encoded);
      Map<TextKey, float[]> byKey = new LinkedHashMap<>();
      for (int i = 0; i < missKeys.size(); i++) {
        byKey.put(missKeys.get(i), encoded.get(i));
      }
      for (int i = 0; i < out.length; i++) {
        if (out[i] == null) {
          out[i] = byKey.get(keys[i]).clone(); // duplicates in one call get their own array
        }
      }
    }
    return List.of(out);
  }

  private static int countNulls(float[][] vectors) {
    int n = 0;
    for (float[] v : vectors) {
      if (v == null) {
        n++;
      }
    }
    return n;
  }

  /** Closes the disk cache, then the wrapped encoder. */
  @Override
  public void close() {
    try {
      passages.close();
    } finally {
      inner.close();
    }
  }

  @Override
  public String toString() {
    return "CachingEncoder[" + inner + ", " + passages + "]";
  }
}
