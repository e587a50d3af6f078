package io.quarry.core.testing;

import io.quarry.core.fusion.RankedList;
import io.quarry.core.search.leg.LegInput;
import io.quarry.core.search.leg.RetrievalLeg;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A leg for deadline and failure tests: it sleeps, then fails its first {@code failures} calls with
 * an I/O error (a transient failure), then returns an empty list. Interrupting it ends the sleep.
 */
public final class TestLeg implements RetrievalLeg {

  private final String name;
  private final long sleepMs;
  private final int failures;
  private final AtomicInteger calls = new AtomicInteger();

  public TestLeg(String name, long sleepMs, int failures) {
    this.name = name;
    this.sleepMs = sleepMs;
    this.failures = failures;
  }

  /** A leg that sleeps far past any deadline. */
  public static TestLeg slow(String name) {
    return new TestLeg(name, 10_000, 0);
  }

  /** A leg that always fails. */
  public static TestLeg broken(String name) {
    return new TestLeg(name, 0, Integer.MAX_VALUE);
  }

  /** A leg that fails once, then works. */
  public static TestLeg flaky(String name) {
    return new TestLeg(name, 0, 1);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean needsQueryVector() {
    return false;
  }

  @Override
  public RankedList search(LegInput input) throws IOException {
    try {
      Thread.sleep(sleepMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (calls.incrementAndGet() <= failures) {
      throw new IOException(name + " is down");
    }
    return new RankedList(name, List.of());
  }
}
