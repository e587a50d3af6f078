package io.quarry.core.search.leg;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The time a path keeps back from its budget for the work after its legs, learnt from what that
 * work has cost on this machine: merging the lists that arrived, and hydrating the top k.
 *
 * <p>For a request of {@code k} hits the reserve is {@code (merge + k * perHit) * }{@value
 * #MARGIN}{@code  + }{@value #FLOOR_MS}{@code  ms}, where {@code merge} is a high quantile
 * ({@value #QUANTILE}) of the last {@value #WINDOW} merge times and {@code perHit} the median of
 * the last {@value #WINDOW} hydration costs per hit, and the floor covers a timer's lateness.
 * Hydration is planned at its median because it can shrink: a late answer hydrates only the hits
 * the time left pays for; merges cannot, so their tail is reserved. It is at most {@value #MAX_SHARE} of the
 * budget, so a tiny budget still leaves its legs time to run. Before the first observation the
 * seed stands in for the merge and 50 us for a hit. A slower or busier machine observes longer
 * times and so reserves more; a request for fewer hits reserves less.
 *
 * <p>It also says how many hits the time left pays for ({@link #affordableHits}), so a late answer
 * hydrates only those.
 *
 * <p>Thread-safe; one instance per path.
 */
public final class FinishingReserve {

  static final int WINDOW = 32;
  static final double QUANTILE = 0.98;
  /**
   * The hydration tail a late answer is planned at passes over this many of the slowest
   * observations (all but one when there are fewer), so one cold hydration after a restart
   * (first page faults, a JIT not yet warm: tens of ms for one hit) cannot cut the next {@value
   * #WINDOW} answers short, while a machine where one hydration in ten is slow still plans at
   * the slow ones.
   */
  static final int HIT_OUTLIERS = 3;
  static final double MARGIN = 1.25;
  static final double FLOOR_MS = 1.0;
  static final double MAX_SHARE = 0.5;
  /** What hydrating a hit is taken to cost before anything was measured: a stored-field read and a passage choice. */
  static final long SEED_NANOS_PER_HIT = 50_000;

  private final long seedMergeNanos;
  private final Ring merges = new Ring();
  private final Ring perHit = new Ring();

  /** @param seed the merge time assumed before anything was measured */
  public FinishingReserve(Duration seed) {
    this.seedMergeNanos = seed.toNanos();
  }

  /** Nanoseconds to keep back from a budget of {@code budget} for an answer of {@code k} hits. */
  public synchronized long nanos(Duration budget, int k) {
    double merge = merges.quantile(seedMergeNanos);
    double hit = perHit.median(SEED_NANOS_PER_HIT);
    long reserve = (long) ((merge + k * hit) * MARGIN + FLOOR_MS * 1e6);
    return Math.min(reserve, (long) (budget.toNanos() * MAX_SHARE));
  }

  /** Records what merging the legs' lists of one search cost (everything after the legs but hydration). */
  public synchronized void observeMerge(long nanos) {
    merges.add(Math.max(0, nanos));
  }

  /** Records what hydrating {@code hits} hits cost. */
  public synchronized void observeHydration(int hits, long nanos) {
    if (hits > 0) {
      perHit.add(Math.max(0, nanos) / hits);
    }
  }

  /** How many of {@code wanted} hits can be hydrated before {@code endNanos}, at least one. */
  public synchronized int affordableHits(int wanted, long endNanos) {
    double hit = perHit.tail(HIT_OUTLIERS, SEED_NANOS_PER_HIT); // the tail: what is promised must fit
    long left = endNanos - System.nanoTime();
    int affordable = (int) Math.max(1, Math.floor(left / Math.max(1, hit)));
    return Math.min(wanted, affordable);
  }

  /** The reserve's current state, for {@code explain}. */
  public synchronized String describe(Duration budget, int k) {
    return String.format(Locale.ROOT, "%.2f ms of %d ms for %d hits (merge %.2f ms, %.0f us a hit, %d searches observed)",
        nanos(budget, k) / 1e6, budget.toMillis(), k, merges.quantile(seedMergeNanos) / 1e6,
        perHit.median(SEED_NANOS_PER_HIT) / 1e3, merges.count);
  }

  /** The last {@link #WINDOW} values; guarded by the reserve. */
  private static final class Ring {
    private final long[] values = new long[WINDOW];
    private int count;

    void add(long v) {
      values[count % WINDOW] = v;
      count++;
    }

    /** The {@link #QUANTILE} of the values held, or {@code seed} when there are none. */
    double quantile(long seed) {
      return at(QUANTILE, seed);
    }

    /** The median of the values held, or {@code seed} when there are none. */
    double median(long seed) {
      return at(0.5, seed);
    }

    /** The largest value held once the {@code skip} largest are passed over, or {@code seed}. */
    double tail(int skip, long seed) {
      if (count == 0) {
        return seed;
      }
      int n = Math.min(count, WINDOW);
      long[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      return sorted[n - 1 - Math.min(skip, n - 1)];
    }

    private double at(double q, long seed) {
      if (count == 0) {
        return seed;
      }
      int n = Math.min(count, WINDOW);
      long[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      return sorted[Math.min(n - 1, (int) Math.floor(q * n))];
    }
  }
}
