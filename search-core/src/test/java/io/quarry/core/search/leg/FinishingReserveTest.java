package io.quarry.core.search.leg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FinishingReserveTest {

  private static final Duration BUDGET = Duration.ofMillis(40);

  @Test
  void should_reserve_the_seed_before_anything_was_measured() {
    assertEquals(5_000_000L, new FinishingReserve(Duration.ofMillis(5)).nanos(BUDGET));
  }

  @Test
  void should_follow_a_high_quantile_of_what_finishing_cost() {
    FinishingReserve r = new FinishingReserve(Duration.ofMillis(5));
    for (int i = 0; i < 100; i++) {
      r.observe(2_000_000L); // 2 ms, the usual finishing time
    }
    // 2 ms x 1.25 + 1 ms: a fast machine reserves less than the seed
    assertEquals(3_500_000L, r.nanos(BUDGET));
    for (int i = 0; i < 10; i++) {
      r.observe(8_000_000L); // a busier machine: one finish in eleven takes 8 ms
    }
    assertEquals(11_000_000L, r.nanos(BUDGET));
  }

  @Test
  void should_forget_old_finishing_times() {
    FinishingReserve r = new FinishingReserve(Duration.ofMillis(5));
    for (int i = 0; i < 10; i++) {
      r.observe(30_000_000L);
    }
    for (int i = 0; i < FinishingReserve.WINDOW; i++) {
      r.observe(1_000_000L);
    }
    assertEquals(2_250_000L, r.nanos(BUDGET));
  }

  @Test
  void should_leave_the_legs_at_least_half_the_budget() {
    FinishingReserve r = new FinishingReserve(Duration.ofMillis(5));
    r.observe(100_000_000L);
    assertEquals(20_000_000L, r.nanos(BUDGET));
  }

  @Test
  void should_hydrate_what_the_time_left_pays_for_and_at_least_one_hit() {
    FinishingReserve r = new FinishingReserve(Duration.ofMillis(5));
    for (int i = 0; i < 100; i++) {
      r.observeHydration(10, 10_000_000L); // 1 ms a hit
    }
    long now = System.nanoTime();
    assertEquals(1, r.affordableHits(10, now - 1_000_000L), "the end passed: one hit still answers");
    assertEquals(10, r.affordableHits(10, now + 60_000_000_000L));
    int some = r.affordableHits(10, System.nanoTime() + 4_500_000L);
    assertTrue(some >= 1 && some <= 4, "4.5 ms at about 1 ms a hit: " + some);
  }
}
