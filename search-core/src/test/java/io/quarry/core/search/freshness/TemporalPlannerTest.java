package io.quarry.core.search.freshness;

import io.quarry.core.search.DeepOptions;
import io.quarry.core.search.Filters;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.time.FreshnessStrategy;
import io.quarry.core.time.TimeRange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemporalPlannerTest {

  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  /** No documents: the filters a plan writes do not depend on the index's dates here. */
  private static final org.apache.lucene.index.IndexReader EMPTY = empty();

  private static org.apache.lucene.index.IndexReader empty() {
    try {
      return new org.apache.lucene.index.MultiReader();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
  private final TemporalPlanner planner = new TemporalPlanner(FreshnessSettings.DEFAULT, TODAY);

  private static SearchRequest request(String q, LocalDate asOf, FreshnessStrategy strategy) {
    return new SearchRequest(q, 10, SearchMode.FAST, Filters.NONE.withAsOf(asOf), Set.of(), false, false,
        DeepOptions.DEFAULT, new SearchRequest.TimeOptions(strategy, null));
  }

  @Test
  void should_default_as_of_to_today_and_leave_a_plain_query_alone() {
    TemporalPlan p = planner.plan(request("how do vaccines work", null, null));
    assertEquals(LocalDate.of(2026, 11, 23), p.asOf());
    assertFalse(p.timeSensitive());
    assertEquals(FreshnessStrategy.NONE, p.strategy());
    assertEquals("how do vaccines work", p.text());
    assertNull(p.range());
  }

  @Test
  void should_apply_the_configured_strategy_to_a_query_with_a_freshness_cue() {
    TemporalPlan p = planner.plan(request("latest vaccine guidance", null, null));
    assertTrue(p.timeSensitive());
    assertEquals("latest", p.cue());
    assertEquals(FreshnessSettings.DEFAULT.strategy(), p.strategy());
  }

  @Test
  void should_count_an_explicit_as_of_as_time_sensitive_unless_configured_otherwise() {
    LocalDate day = LocalDate.of(2023, 3, 30);
    assertTrue(planner.plan(request("vaccine guidance", day, null)).timeSensitive());
    FreshnessSettings d = FreshnessSettings.DEFAULT;
    TemporalPlanner off = new TemporalPlanner(new FreshnessSettings(d.strategy(), d.windowDays(), d.maxWindowDays(),
        d.minHits(), d.halfLifeDays(), d.recentWeight(), d.undated(), d.timeExpressions(), false), TODAY);
    TemporalPlan p = off.plan(request("vaccine guidance", day, null));
    assertFalse(p.timeSensitive());
    assertEquals(day, p.asOf(), "as_of still bounds the search");
  }

  @Test
  void should_take_an_as_of_date_from_the_text_only_when_it_is_earlier() {
    TemporalPlan p = planner.plan(request("Which NFL star requested a trade? As of 2023-03-30.", null, null));
    assertEquals(LocalDate.of(2023, 3, 30), p.asOf());
    assertEquals("Which NFL star requested a trade?", p.text());
    assertTrue(p.timeSensitive());
    TemporalPlan earlier = planner.plan(request("Which NFL star requested a trade? As of 2023-03-30.", LocalDate.of(2022, 1, 1), null));
    assertEquals(LocalDate.of(2022, 1, 1), earlier.asOf());
  }

  @Test
  void should_turn_a_time_expression_into_a_range_and_anchor_recency_at_its_end() throws Exception {
    TemporalPlan p = planner.plan(request("transit budget news in March 2023", null, null));
    assertEquals(new TimeRange(LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 31)), p.range());
    assertEquals(LocalDate.of(2023, 3, 31), p.anchor());
    assertEquals("transit budget news", p.text());
    assertEquals(31, p.windowDays());
    // a period under dual_pass: nothing after its end; its start is the recent pass's window
    Filters f = p.apply(request("transit budget news in March 2023", null, null), EMPTY).filters();
    assertNull(f.since());
    assertEquals(LocalDate.of(2023, 3, 31), f.until());
    // under none the period filters
    SearchRequest none = request("transit budget news in March 2023", null, FreshnessStrategy.NONE);
    Filters g = planner.plan(none).apply(none, EMPTY).filters();
    assertEquals(LocalDate.of(2023, 3, 1), g.since());
    assertEquals(LocalDate.of(2023, 3, 31), g.until());
  }

  @Test
  void should_always_filter_by_a_bound() throws Exception {
    SearchRequest r = request("latest climate policy since 2021", null, null);
    TemporalPlan p = planner.plan(r);
    assertTrue(p.bound());
    assertEquals(FreshnessSettings.DEFAULT.windowDays(), p.windowDays());
    assertEquals(LocalDate.of(2021, 1, 1), p.apply(r, EMPTY).filters().since());
  }

  @Test
  void should_never_decay_a_query_that_is_not_time_sensitive_even_when_asked() {
    TemporalPlan p = planner.plan(request("transit budget plan", null, FreshnessStrategy.RECENCY_DECAY));
    assertEquals(FreshnessStrategy.NONE, p.strategy());
    assertTrue(p.reason().contains("no decay"), p.reason());
    // the other strategies run when asked for
    assertEquals(FreshnessStrategy.DUAL_PASS,
        planner.plan(request("transit budget plan", null, FreshnessStrategy.DUAL_PASS)).strategy());
  }

  @Test
  void should_not_read_time_expressions_when_switched_off_per_request() {
    SearchRequest r = request("news in March 2023", null, null)
        .withTime(new SearchRequest.TimeOptions(null, false));
    TemporalPlan p = planner.plan(r);
    assertNull(p.range());
    assertEquals("news in March 2023", p.text());
  }

  @Test
  void should_never_read_time_expressions_a_request_asks_for_when_configured_off() {
    FreshnessSettings d = FreshnessSettings.DEFAULT;
    TemporalPlanner off = new TemporalPlanner(new FreshnessSettings(d.strategy(), d.windowDays(), d.maxWindowDays(),
        d.minHits(), d.halfLifeDays(), d.recentWeight(), d.undated(), false, d.explicitAsOfIsSignal()), TODAY);
    SearchRequest r = request("news in March 2023", null, null).withTime(new SearchRequest.TimeOptions(null, true));
    TemporalPlan p = off.plan(r);
    assertNull(p.range(), "a request narrows what runs, never switches on what configuration switched off");
    assertEquals("news in March 2023", p.text());
    assertNotNull(planner.plan(r).range(), "on by configuration, the request's true reads them");
  }
}
