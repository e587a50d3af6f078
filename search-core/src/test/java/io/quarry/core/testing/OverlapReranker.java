package io.quarry.core.testing;

import io.quarry.core.spi.Reranker;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * A small deterministic reranker for search-core's tests (the DJL cross-encoder lives in the
 * embeddings module): scores a passage by how many distinct query words it contains, and can be
 * made slow per passage to exercise deadlines. Stops between passages when interrupted, as the
 * SPI requires.
 */
public final class OverlapReranker implements Reranker {

  private final long msPerPassage;

  public OverlapReranker(long msPerPassage) {
    this.msPerPassage = msPerPassage;
  }

  @Override
  public String modelId() {
    return "test-overlap";
  }

  @Override
  public String device() {
    return "cpu";
  }

  @Override
  public float[] score(String query, List<String> passages) {
    Set<String> q = words(query);
    float[] out = new float[passages.size()];
    for (int i = 0; i < passages.size(); i++) {
      if (msPerPassage > 0) {
        try {
          Thread.sleep(msPerPassage);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancellationException("interrupted");
        }
      }
      Set<String> p = words(passages.get(i));
      p.retainAll(q);
      out[i] = p.size() - 2f; // negative logits too, as real cross-encoders give
    }
    return out;
  }

  private static Set<String> words(String s) {
    Set<String> out = new HashSet<>();
    for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (w.length() > 3) {
        out.add(w);
      }
    }
    return out;
  }

  @Override
  public void close() {}
}
