package io.quarry.embeddings;

import io.quarry.core.spi.TextEncoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a real encoder and counts the inference it is asked for. Thread-safe. */
public final class CountingEncoder implements TextEncoder {

  private final TextEncoder inner;
  private final boolean closeInner;
  public final AtomicInteger passageCalls = new AtomicInteger();
  public final AtomicInteger passagesEncoded = new AtomicInteger();
  public final AtomicInteger queryCalls = new AtomicInteger();

  /** @param closeInner whether {@link #close()} closes the real encoder (false for shared ones) */
  public CountingEncoder(TextEncoder inner, boolean closeInner) {
    this.inner = inner;
    this.closeInner = closeInner;
  }

  @Override
  public String modelId() {
    return inner.modelId();
  }

  @Override
  public int dimension() {
    return inner.dimension();
  }

  @Override
  public float[] encodeQuery(String query) {
    queryCalls.incrementAndGet();
    return inner.encodeQuery(query);
  }

  @Override
  public List<float[]> encodePassages(List<String> passages) {
    passageCalls.incrementAndGet();
    passagesEncoded.addAndGet(passages.size());
    return inner.encodePassages(passages);
  }

  @Override
  public void close() {
    if (closeInner) {
      inner.close();
    }
  }
}
