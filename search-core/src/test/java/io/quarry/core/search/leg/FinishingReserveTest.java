package io.quarry.core.search.leg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FinishingReserveTest {

  private static final Duration BUDGET = Duration.ofMillis(40);

  @Test
  void should_reserve_the_seeds_before_anything_was_measured() {
    // (5 ms + 10 x 50 us) x 1.25 + 1 ms
    assertEquals(7_875_000L, new FinishingReserve(Duration.ofMillis(5)).nanos(BUDGET, 10));
  }

  @Test
  void should_follow_a_high_quantile_of_what_merging_and_hydrating_cost() {
    FinishingReserve r = new FinishingReserve(Duration.ofMillis(5));
    for (int i = 0; i < 100; i++) {
      r.observeMerge(1_000_000L); // 1 ms to merge
      r.observeHydration(10, 1_000_000L); // 100 us a hit
    }
    // (1 ms + 10 x 0.1 ms) x 1.25 + 1 ms; fewer hits, less reserve
    assertEquals(3_500_000L, r.nanos(BUDGET, 10));
    assertEquals(2_375_000L, r.nanos(BUDGET, 1));
    for (int i = 0; i < 10; i++) {
      r.observeMerge(8_000_000L); // a busier machine: one merge in eleven takes 8 ms
    }
    assertEquals(12_250_000L, r.nanos(BUDGET, 10));
  }

  @Test
  void should_plan_hydration_at_its_median_since_a_late_one_shrinks() {
    FinishingReserve r = new FinishingReserve(Duration.ofMillis(5));
    for (int i = 0; i < 100; i++) {
      r.observeMerge(1_000_000L);
      r.observeHydration(10, i < 90 ? 500_000L : 50_000_000L); // 50 us a hit, one in ten 5 ms a hit
    }
    // (1 ms + 10 x 50 us) x 1.25 + 1 ms: the hydration tail is not reserved...
    assertEquals(2_875_000L, r.nanos(BUDGET, 10));
    // ...but what is promised to a late answer must fit even at that tail
    assertEquals(2, r.affordableHits(10, System.nanoTime() + 14_500_000L));
  }

  @Test
  void should_forget_old_observations() {
    FinishingReserve r = new FinishingReserve(Duration.ofMillis(5));
    for (int i = 0; i < 10; i++) {
      r.observeMerge(30_000_000L);
    }
    for (int i = 0; i < FinishingReserve.WINDOW; i++) {
      r.observeMerge(1_000_000L);
      r.observeHydration(1, 0);
    }
    assertEquals(2_250_000L, r.nanos(BUDGET, 10));
  }

  @Test
  void should_leave_the_legs_at_least_half_the_budget() {
    FinishingReserve r = new FinishingReserve(Duration.ofMillis(5));
    r.observeMerge(100_000_000L);
    assertEquals(20_000_000L, r.nanos(BUDGET, 10));
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

  @Test
  void should_not_let_one_cold_hydration_cut_the_next_answers_short() {
    FinishingReserve r = new FinishingReserve(Duration.ofMillis(5));
    r.observeHydration(1, 45_000_000L); // the first search after a restart: 45 ms for one hit
    for (int i = 0; i < 5; i++) {
      r.observeHydration(100, 2_000_000L); // then 20 us a hit
    }
    assertEquals(100, r.affordableHits(100, System.nanoTime() + 900_000_000L));
  }
}
