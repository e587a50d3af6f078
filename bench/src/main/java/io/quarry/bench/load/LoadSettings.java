package io.quarry.bench.load;

import io.quarry.bench.backend.BenchMode;
import java.time.Duration;
import java.util.Objects;

/**
 * How a load runs at each rate. A load is always bounded: by {@code duration} (at most {@link
 * #MAX_DURATION}) and by {@code maxRequests} (at most {@link #MAX_REQUESTS}), whichever comes
 * first.
 *
 * @param mix the modes and their shares
 * @param k hits asked for per request, 1..1000
 * @param deepBudgetMs {@code deadline_ms} of the deep-path requests ({@code deep}, {@code graph}),
 *     or null for the server's default
 * @param duration how long requests are scheduled at each rate, 1 s to {@link #MAX_DURATION}
 * @param maxRequests the most requests sent at each rate, 1 to {@link #MAX_REQUESTS}
 * @param maxInFlight the most requests waiting for an answer at once, 1..{@link #MAX_IN_FLIGHT}; when
 *     reached, the generator waits for a slot, and the wait counts in the latency of every request
 *     sent late (measured from the schedule), so the cap bounds the generator's memory without
 *     hiding the server's slowness
 * @param timeout how long one request may wait for its answer before it is a {@code timeout} error,
 *     1 ms to {@link #MAX_TIMEOUT}
 * @param progressEvery how often a progress line is printed while a rate runs
 */
public record LoadSettings(ModeMix mix, int k, Integer deepBudgetMs, Duration duration, long maxRequests,
    int maxInFlight, Duration timeout, Duration progressEvery) {

  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
  public static final Duration MAX_DURATION = Duration.ofMinutes(10);
  public static final long DEFAULT_MAX_REQUESTS = 100_000;
  public static final long MAX_REQUESTS = 1_000_000;
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;
  public static final int MAX_IN_FLIGHT = 10_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);
  public static final int DEFAULT_K = 10;
  /** The highest rate accepted, requests per second. */
  public static final double MAX_RATE = 10_000;

  public LoadSettings {
    Objects.requireNonNull(mix, "mix");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(progressEvery, "progressEvery");
    if (k < 1 || k > 1000) {
      throw new IllegalArgumentException("illegal k: " + k + ", must be in 1..1000");
    }
    if (deepBudgetMs != null && (deepBudgetMs < 1 || deepBudgetMs > 600_000)) {
      throw new IllegalArgumentException("illegal deep budget: " + deepBudgetMs + " ms, must be in 1..600000");
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("illegal duration: " + duration.toMillis() + " ms, must be in 1 s.."
          + MAX_DURATION.toMinutes() + " min");
    }
    if (maxRequests < 1 || maxRequests > MAX_REQUESTS) {
      throw new IllegalArgumentException("illegal max requests: " + maxRequests + ", must be in 1.." + MAX_REQUESTS);
    }
    if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
      throw new IllegalArgumentException("illegal max in flight: " + maxInFlight + ", must be in 1.." + MAX_IN_FLIGHT);
    }
    if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("illegal timeout: " + timeout.toMillis() + " ms, must be in 1.."
          + MAX_TIMEOUT.toMillis());
    }
    if (progressEvery.isNegative() || progressEvery.isZero()) {
      throw new IllegalArgumentException("illegal progress interval: " + progressEvery + ", must be positive");
    }
  }

  /** A mix of modes with every other setting at its default. */
  public static LoadSettings of(ModeMix mix) {
    return new LoadSettings(mix, DEFAULT_K, null, DEFAULT_DURATION, DEFAULT_MAX_REQUESTS, DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_TIMEOUT, Duration.ofSeconds(5));
  }

  public LoadSettings withDuration(Duration d) {
    return new LoadSettings(mix, k, deepBudgetMs, d, maxRequests, maxInFlight, timeout, progressEvery);
  }

  public LoadSettings withMaxRequests(long n) {
    return new LoadSettings(mix, k, deepBudgetMs, duration, n, maxInFlight, timeout, progressEvery);
  }

  public LoadSettings withDeepBudgetMs(Integer ms) {
    return new LoadSettings(mix, k, ms, duration, maxRequests, maxInFlight, timeout, progressEvery);
  }

  public LoadSettings withMaxInFlight(int n) {
    return new LoadSettings(mix, k, deepBudgetMs, duration, maxRequests, n, timeout, progressEvery);
  }

  /** The {@code deadline_ms} a request of {@code mode} carries: the deep budget on the deep path only. */
  public Integer deadlineFor(BenchMode mode) {
    return "deep".equals(mode.apiMode()) ? deepBudgetMs : null;
  }

  /**
   * Checks a rate.
   *
   * @throws IllegalArgumentException unless it is above 0 and at most {@link #MAX_RATE}
   */
  public static double checkRate(double rate) {
    if (!(rate > 0) || rate > MAX_RATE) {
      throw new IllegalArgumentException("illegal rate: " + rate + ", must be above 0 and at most "
          + (long) MAX_RATE + " requests per second");
    }
    return rate;
  }
}
