package io.quarry.bench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's clock: the time now and a wait until a time, in nanoseconds of an
 * arbitrary origin ({@link System#nanoTime()}). Tests inject a fake one, so the schedule and the
 * coordinated-omission correction are checked without the wall clock.
 */
public interface Ticker {

  /** The system clock; {@link #sleepUntil} parks (never spins: the server shares the cores). */
  Ticker SYSTEM = new Ticker() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepUntil(long nanos) throws InterruptedException {
      for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          throw new InterruptedException("load generator interrupted");
        }
      }
    }
  };

  /** The time now. */
  long nanoTime();

  /** Returns at {@code nanos} or later (at once when it has passed). */
  void sleepUntil(long nanos) throws InterruptedException;
}
