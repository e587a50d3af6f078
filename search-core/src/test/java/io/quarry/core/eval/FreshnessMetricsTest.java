package io.quarry.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Table tests for fresh@10, future_leak@10 and stale_answer@1. Reference day 2023-06-15; the
 * documents and their ages (reference - published, in days):
 *
 * <pre>
 *   today     2023-06-15   0  fresh
 *   d14       2023-06-01  14  fresh (edge)
 *   d15       2023-05-31  15  not fresh
 *   tomorrow  2023-06-16  -1  neither fresh nor leak (tolerated)
 *   leak      2023-06-17  -2  leak
 *   old       2019-01-01       not fresh
 *   undated   (no date)        not counted at all
 * </pre>
 */
class FreshnessMetricsTest {

  private static final LocalDate REF = LocalDate.parse("2023-06-15");
  private static final Map<String, LocalDate> DATES = Map.of(
      "today", LocalDate.parse("2023-06-15"),
      "d14", LocalDate.parse("2023-06-01"),
      "d15", LocalDate.parse("2023-05-31"),
      "tomorrow", LocalDate.parse("2023-06-16"),
      "leak", LocalDate.parse("2023-06-17"),
      "old", LocalDate.parse("2019-01-01"));

  static Stream<Arguments> cases() {
    return Stream.of(
        // 6 dated: fresh = today, d14 -> 2/6; leak = leak -> 1/6
        Arguments.of("one of each", List.of("today", "d14", "d15", "tomorrow", "leak", "old"),
            2.0 / 6, 1.0 / 6),
        // undated does not count: dated = today, old -> fresh 1/2, leak 0/2
        Arguments.of("undated excluded", List.of("undated", "today", "old"), 0.5, 0.0),
        // fewer than 10 hits: share over the 1 dated hit
        Arguments.of("single hit", List.of("leak"), 0.0, 1.0),
        // duplicates: today, today, leak -> distinct today, leak -> 1/2, 1/2
        Arguments.of("duplicate counted once", List.of("today", "today", "leak"), 0.5, 0.5),
        // 10 old documents fill the top 10; the fresh one at rank 11 is past the cutoff
        Arguments.of("rank 11 ignored", List.of("old", "o1", "o2", "o3", "o4", "o5", "o6", "o7",
            "o8", "o9", "today"), 0.0, 0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void should_match_hand_computed_shares_when_ranking_given(String name, List<String> ranking,
      double fresh, double leak) {
    Map<String, LocalDate> dates = new java.util.HashMap<>(DATES);
    for (int i = 1; i <= 9; i++) {
      dates.put("o" + i, LocalDate.parse("2019-01-01"));
    }
    assertEquals(fresh, FreshnessMetrics.fresh(ranking, dates, REF).getAsDouble(), 1e-12);
    assertEquals(leak, FreshnessMetrics.futureLeak(ranking, dates, REF).getAsDouble(), 1e-12);
  }

  @Test
  void should_be_undefined_when_top_10_has_no_dated_document() {
    assertEquals(OptionalDouble.empty(), FreshnessMetrics.fresh(List.of("undated"), DATES, REF));
    assertEquals(OptionalDouble.empty(), FreshnessMetrics.futureLeak(List.of(), DATES, REF));
  }

  @Test
  void should_flag_stale_answer_when_top_hit_is_listed() {
    Set<String> stale = Set.of("old");
    assertEquals(1.0, FreshnessMetrics.staleAnswer(List.of("old", "today"), stale).getAsDouble());
    // only the top hit matters
    assertEquals(0.0, FreshnessMetrics.staleAnswer(List.of("today", "old"), stale).getAsDouble());
    assertTrue(FreshnessMetrics.staleAnswer(List.of(), stale).isEmpty());
  }

  @Test
  void should_count_age_in_whole_days_when_dates_differ() {
    assertEquals(14, FreshnessMetrics.ageDays(REF, LocalDate.parse("2023-06-01")));
    assertEquals(-2, FreshnessMetrics.ageDays(REF, LocalDate.parse("2023-06-17")));
  }
}
