package io.quarry.graph.extract;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Stops calling a failing dependency (the LLM) for a while.
 *
 * <ul>
 *   <li>{@link State#CLOSED}: every call goes; {@code failures} consecutive failures open it;
 *   <li>{@link State#OPEN}: every call is refused at once, for {@code cooldown};
 *   <li>{@link State#HALF_OPEN}: after the cooldown the first {@link #tryAcquire()} lets one call
 *       try (the others are still refused); its success closes the breaker, its failure opens it
 *       for another cooldown.
 * </ul>
 *
 * <p>Each call that {@link #tryAcquire()} let through must report {@link #onSuccess()} or {@link
 * #onFailure()}. Time comes from an injected nanosecond clock, so tests need not sleep.
 *
 * <p>Thread-safe.
 */
public final class CircuitBreaker {

  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int failures;
  private final long cooldownNanos;
  private final LongSupplier nanoTime;

  private State state = State.CLOSED;
  private int consecutive;
  private long openedAt;
  private boolean probing;
  private long probeStartedAt;
  private long opens;

  /**
   * @param failures consecutive failures that open it, at least 1
   * @param cooldown how long it stays open, positive
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public CircuitBreaker(int failures, Duration cooldown, LongSupplier nanoTime) {
    if (failures < 1) {
      throw new IllegalArgumentException("illegal breaker failures: " + failures + ", must be at least 1");
    }
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative() || cooldown.isZero()) {
      throw new IllegalArgumentException("illegal breaker cooldown: " + cooldown + ", must be positive");
    }
    this.failures = failures;
    this.cooldownNanos = cooldown.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  public CircuitBreaker(int failures, Duration cooldown) {
    this(failures, cooldown, System::nanoTime);
  }

  /**
   * Whether a call may go now. In the open state after the cooldown, the first caller gets the one
   * trial call (half-open); a trial that never reports is given up after another cooldown.
   */
  public synchronized boolean tryAcquire() {
    long now = nanoTime.getAsLong();
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (now - openedAt < cooldownNanos) {
          return false;
        }
        state = State.HALF_OPEN;
        probing = true;
        probeStartedAt = now;
        return true;
      case HALF_OPEN:
      default:
        if (probing && now - probeStartedAt < cooldownNanos) {
          return false;
        }
        probing = true;
        probeStartedAt = now;
        return true;
    }
  }

  /** A call that went succeeded: the breaker closes (unless it opened meanwhile on later failures). */
  public synchronized void onSuccess() {
    if (state == State.OPEN) {
      return; // a straggler let through before the breaker opened
    }
    state = State.CLOSED;
    consecutive = 0;
    probing = false;
  }

  /** A call that went failed: the failures-th in a row, or a failed trial, opens the breaker. */
  public synchronized void onFailure() {
    long now = nanoTime.getAsLong();
    switch (state) {
      case CLOSED:
        if (++consecutive >= failures) {
          open(now);
        }
        break;
      case HALF_OPEN:
        open(now);
        break;
      case OPEN:
      default:
        break; // a straggler; it is open already
    }
  }

  private void open(long now) {
    state = State.OPEN;
    openedAt = now;
    probing = false;
    opens++;
  }

  /** The state now (an open breaker past its cooldown reports open until a call tries). */
  public synchronized State state() {
    return state;
  }

  /** Consecutive failures counted in the closed state. */
  public synchronized int consecutiveFailures() {
    return consecutive;
  }

  /** How many times it has opened. */
  public synchronized long opens() {
    return opens;
  }

  /** How long an open breaker still refuses calls; zero when it is not open or the cooldown is over. */
  public synchronized Duration retryIn() {
    if (state != State.OPEN) {
      return Duration.ZERO;
    }
    long left = cooldownNanos - (nanoTime.getAsLong() - openedAt);
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** The number of consecutive failures that opens it. */
  public int failureThreshold() {
    return failures;
  }

  /** How long it stays open. */
  public Duration cooldown() {
    return Duration.ofNanos(cooldownNanos);
  }
}
