package io.quarry.core.testing;

import io.quarry.core.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small deterministic encoder for search-core's own tests, which cannot depend on the ONNX
 * models in the embeddings module: lower-cased words (and their 4-letter prefixes, a crude stem)
 * hashed into 64 dimensions, L2-normalised. Texts sharing words get similar vectors, so vector
 * search behaves meaningfully on tiny corpora. It is a real implementation of the SPI, not a mock:
 * end-to-end tests with the real models live in the server module.
 */
public final class HashingEncoder implements TextEncoder {

  public static final int DIMENSION = 64;
  private final AtomicInteger passagesEncoded = new AtomicInteger();

  @Override
  public String modelId() {
    return "test-hashing-64";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] encodeQuery(String query) {
    return encode(query);
  }

  @Override
  public List<float[]> encodePassages(List<String> passages) {
    passagesEncoded.addAndGet(passages.size());
    List<float[]> out = new ArrayList<>(passages.size());
    passages.forEach(p -> out.add(encode(p)));
    return out;
  }

  /** How many passages were encoded so far. */
  public int passagesEncoded() {
    return passagesEncoded.get();
  }

  static float[] encode(String text) {
    float[] v = new float[DIMENSION];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() < 3) {
        continue;
      }
      v[Math.floorMod(w.hashCode(), DIMENSION)] += 1f;
      v[Math.floorMod(w.substring(0, Math.min(4, w.length())).hashCode() * 31, DIMENSION)] += 0.5f;
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1f;
      return v;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  @Override
  public void close() {}
}
