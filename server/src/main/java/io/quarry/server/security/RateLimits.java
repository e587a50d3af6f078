package io.quarry.server.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per API key: {@code burst} requests at once, then {@code perSecond} sustained. */
final class RateLimits {

  /** Callers remembered at most; past that the buckets start afresh rather than grow the heap. */
  private static final int MAX_CALLERS = 10_000;

  private final double perSecond;
  private final int burst;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimits(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /**
   * Takes one request from {@code caller}'s bucket.
   *
   * @return 0 when allowed, else the seconds until one is (at least 1)
   */
  long acquire(String caller) {
    if (perSecond <= 0) {
      return 0;
    }
    if (buckets.size() > MAX_CALLERS) {
      buckets.clear();
    }
    Bucket b = buckets.computeIfAbsent(caller, c -> Bucket.builder()
        // a fractional rate as whole tokens over a longer period: 0.5/s is 500 per 1,000 s,
        // refilled smoothly
        .addLimit(l -> l.capacity(burst).refillGreedy(Math.max(1, Math.round(perSecond * 1000)),
            Duration.ofSeconds(1000)))
        .build());
    ConsumptionProbe p = b.tryConsumeAndReturnRemaining(1);
    return p.isConsumed() ? 0 : Math.max(1, (long) Math.ceil(p.getNanosToWaitForRefill() / 1e9));
  }
}
