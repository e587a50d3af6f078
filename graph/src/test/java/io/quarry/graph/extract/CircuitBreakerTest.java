package io.quarry.graph.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.graph.extract.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private void fail(int n) {
    for (int i = 0; i < n; i++) {
      assertTrue(breaker.tryAcquire());
      breaker.onFailure();
    }
  }

  @Test
  void staysClosedBelowTheThreshold() {
    fail(2);
    assertEquals(State.CLOSED, breaker.state());
    assertEquals(2, breaker.consecutiveFailures());
    assertTrue(breaker.tryAcquire());
  }

  @Test
  void aSuccessResetsTheCount() {
    fail(2);
    assertTrue(breaker.tryAcquire());
    breaker.onSuccess();
    fail(2);
    assertEquals(State.CLOSED, breaker.state());
    assertEquals(2, breaker.consecutiveFailures());
  }

  @Test
  void opensAfterNConsecutiveFailuresAndRefusesDuringTheCooldown() {
    fail(3);
    assertEquals(State.OPEN, breaker.state());
    assertEquals(1, breaker.opens());
    assertFalse(breaker.tryAcquire());
    assertEquals(Duration.ofSeconds(10), breaker.retryIn());
    advance(Duration.ofMillis(9_999));
    assertFalse(breaker.tryAcquire());
    assertEquals(Duration.ofMillis(1), breaker.retryIn());
  }

  @Test
  void halfOpenLetsOneTrialThroughAndItsSuccessCloses() {
    fail(3);
    advance(Duration.ofSeconds(10));
    assertEquals(Duration.ZERO, breaker.retryIn());
    assertTrue(breaker.tryAcquire(), "the trial");
    assertEquals(State.HALF_OPEN, breaker.state());
    assertFalse(breaker.tryAcquire(), "a second caller while the trial runs");
    breaker.onSuccess();
    assertEquals(State.CLOSED, breaker.state());
    assertEquals(0, breaker.consecutiveFailures());
    assertTrue(breaker.tryAcquire());
    assertTrue(breaker.tryAcquire());
  }

  @Test
  void aFailedTrialOpensForAnotherCooldown() {
    fail(3);
    advance(Duration.ofSeconds(11));
    assertTrue(breaker.tryAcquire());
    breaker.onFailure();
    assertEquals(State.OPEN, breaker.state());
    assertEquals(2, breaker.opens());
    advance(Duration.ofSeconds(5));
    assertFalse(breaker.tryAcquire());
    advance(Duration.ofSeconds(5));
    assertTrue(breaker.tryAcquire());
  }

  @Test
  void aTrialThatNeverReportsIsGivenUpAfterACooldown() {
    fail(3);
    advance(Duration.ofSeconds(10));
    assertTrue(breaker.tryAcquire());
    advance(Duration.ofSeconds(9));
    assertFalse(breaker.tryAcquire());
    advance(Duration.ofSeconds(1));
    assertTrue(breaker.tryAcquire(), "another trial");
  }

  @Test
  void stragglersDoNotChangeAnOpenBreaker() {
    fail(3);
    breaker.onSuccess(); // a call let through before it opened, finishing late
    assertEquals(State.OPEN, breaker.state());
    breaker.onFailure();
    assertEquals(1, breaker.opens());
    assertFalse(breaker.tryAcquire());
  }

  @Test
  void validates() {
    assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(1, Duration.ofSeconds(-1)));
  }

  @Test
  void concurrentTrialsAdmitExactlyOne() throws Exception {
    fail(3);
    advance(Duration.ofSeconds(10));
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        if (breaker.tryAcquire()) {
          admitted.incrementAndGet();
        }
      });
      t.start();
      all.add(t);
    }
    start.countDown();
    for (Thread t : all) {
      t.join();
    }
    assertEquals(1, admitted.get());
  }

  @Test
  void concurrentFailuresOpenItOnce() throws Exception {
    CircuitBreaker b = new CircuitBreaker(50, Duration.ofSeconds(10), now::get);
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(() -> {
        for (int j = 0; j < 100; j++) {
          if (b.tryAcquire()) {
            b.onFailure();
          }
        }
      });
      t.start();
      all.add(t);
    }
    for (Thread t : all) {
      t.join();
    }
    assertEquals(State.OPEN, b.state());
    assertEquals(1, b.opens());
  }
}
