package io.quarry.bench.load;

import java.util.HashMap;
import java.util.Map;

/**
 * A clock that only moves when told: {@link #sleepUntil} jumps to the time asked for (or later,
 * for a planned hiccup), {@link #advance} moves it on. Times in milliseconds for readability.
 */
final class FakeTicker implements Ticker {

  private long now;
  private final Map<Long, Long> hiccups = new HashMap<>();

  static long ms(long millis) {
    return millis * 1_000_000;
  }

  /** A sleep until {@code atMs} returns only at {@code resumeMs}: the generator was held up. */
  FakeTicker hiccup(long atMs, long resumeMs) {
    hiccups.put(ms(atMs), ms(resumeMs));
    return this;
  }

  void advance(long nanos) {
    now += nanos;
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void sleepUntil(long nanos) {
    now = Math.max(now, hiccups.getOrDefault(nanos, nanos));
  }
}
