package io.quarry.core.search.leg;

import java.time.Duration;
import java.util.Arrays;

/**
 * The time a path keeps back from its budget for the work after its legs (merging the lists
 * that arrived, hydrating the top k), learnt from what that work has cost on this machine.
 *
 * <p>The reserve is a high quantile ({@value #QUANTILE}) of the last {@value #WINDOW} finishing
 * times, times {@value #MARGIN}, plus {@value #FLOOR_MS} ms for a timer's lateness; at most
 * {@value #MAX_SHARE} of the budget, so a tiny budget still leaves its legs time to run. Before
 * the first observation it is the seed. A slower or busier machine observes longer finishing
 * times and so reserves more; a faster one reserves less.
 *
 * <p>It also learns what hydrating one hit costs, so a late answer can hydrate only the hits the
 * time left pays for ({@link #affordableHits}).
 *
 * <p>Thread-safe; one instance per path.
 */
public final class FinishingReserve {

  static final int WINDOW = 128;
  static final double QUANTILE = 0.98;
  static final double MARGIN = 1.25;
  static final double FLOOR_MS = 1.0;
  static final double MAX_SHARE = 0.5;
  /** Weight of the newest observation in the per-hit cost average. */
  private static final double EWMA = 0.1;

  private final long[] finishNanos = new long[WINDOW];
  private int observed;
  private long seedNanos;
  private double hydrateNanosPerHit;

  /** @param seed the reserve before anything was measured */
  public FinishingReserve(Duration seed) {
    this.seedNanos = seed.toNanos();
    this.hydrateNanosPerHit = 50_000; // 50 us a hit until measured: stored fields and a passage choice
  }

  /** Nanoseconds to keep back from a budget of {@code budget}. */
  public long nanos(Duration budget) {
    long q;
    synchronized (this) {
      if (observed == 0) {
        q = seedNanos;
      } else {
        int n = Math.min(observed, WINDOW);
        long[] recent = Arrays.copyOf(finishNanos, n);
        Arrays.sort(recent);
        q = (long) (recent[Math.min(n - 1, (int) Math.floor(QUANTILE * n))] * MARGIN + FLOOR_MS * 1e6);
      }
    }
    return Math.min(q, (long) (budget.toNanos() * MAX_SHARE));
  }

  /** Records what the finishing work of one search cost. */
  public synchronized void observe(long nanos) {
    finishNanos[observed % WINDOW] = Math.max(0, nanos);
    observed++;
  }

  /** Records what hydrating {@code hits} hits cost. */
  public synchronized void observeHydration(int hits, long nanos) {
    if (hits > 0) {
      hydrateNanosPerHit = (1 - EWMA) * hydrateNanosPerHit + EWMA * ((double) nanos / hits);
    }
  }

  /**
   * How many of {@code wanted} hits can be hydrated before {@code endNanos}, at least one.
   */
  public synchronized int affordableHits(int wanted, long endNanos) {
    long left = endNanos - System.nanoTime();
    int affordable = (int) Math.max(1, Math.floor(left / hydrateNanosPerHit));
    return Math.min(wanted, affordable);
  }

  /** The reserve's current state, for {@code explain} and logs. */
  public synchronized String describe(Duration budget) {
    return String.format(java.util.Locale.ROOT, "%.2f ms of %d ms (%d finishing times observed, %.0f us a hit hydrated)",
        nanos(budget) / 1e6, budget.toMillis(), observed, hydrateNanosPerHit / 1e3);
  }
}
