package io.quarry.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeExpressionsTest {

  private static final LocalDate JUNE_19_2024 = LocalDate.of(2024, 6, 19);

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      // real phrasings
      "Which wildly popular show was recently green lit for a new season? (news from the week of June 16, 2022)|2026-11-23|2022-06-10|2022-06-16|Which wildly popular show was recently green lit for a new season?",
      "Which NFL star requested a trade from his longtime home this week? As of 2023-03-30.|2026-11-23|||Which NFL star requested a trade from his longtime home this week?",
      "In August 2022: Grocery prices in the US increased by more than 13% on average over the last 12 months, according to the Bureau of Labor Statistics. Which item showed one of the largest price spikes?|2026-11-23|2022-08-01|2022-08-31|Grocery prices in the US increased by more than 13% on average over the last 12 months, according to the Bureau of Labor Statistics. Which item showed one of the largest price spikes?",
      "Where will next month's Republican presidential debate take place? in the past few days|2023-10-19|2023-10-13|2023-10-19|Where will next month's Republican presidential debate take place?",
      "Sue Bird played her final game this week. Which team did she play for? (this week)|2022-09-08|||Sue Bird played her final game this week. Which team did she play for? (this week)",
      "what did we decide last week|2024-06-19|2024-06-06|2024-06-12|what did we decide",
      "news about Y in March 2023|2024-06-19|2023-03-01|2023-03-31|news about Y",
      "Q3 2024 earnings|2025-01-10|2024-07-01|2024-09-30|earnings",
      "since 2021 climate policy|2024-06-19|2021-01-01||climate policy",
      "reports before May|2024-03-10||2023-04-30|reports",
      "yesterday's match result|2024-06-19|2024-06-18|2024-06-18|match result",
      "sales this month|2024-06-19|2024-06-01|2024-06-19|sales",
      // not time expressions
      "the 2022 World Cup final|2024-06-19|||the 2022 World Cup final",
      "May Day celebrations|2024-06-19|||May Day celebrations",
      "Theresa May resigned|2024-06-19|||Theresa May resigned",
      "Recently: What song did Taylor Swift re-record?|2024-06-19|||Recently: What song did Taylor Swift re-record?",
      "what's the latest on the Fed rate decision|2024-06-19|||what's the latest on the Fed rate decision",
      "Who is now the world's richest man|2024-06-19|||Who is now the world's richest man",
      "the class of 2022 reunion|2024-06-19|||the class of 2022 reunion",
      "scoring leaders since 2022-23|2024-06-19|||scoring leaders since 2022-23",
      "what you may do in mayonnaise recipes|2024-06-19|||what you may do in mayonnaise recipes",
      "the June 31, 2022 report|2024-06-19|||the June 31, 2022 report",
      // days
      "what happened on 2022-06-16|2024-06-19|2022-06-16|2022-06-16|what happened",
      "election results June 16, 2022|2024-06-19|2022-06-16|2022-06-16|election results",
      "June 16 2022 flood|2024-06-19|2022-06-16|2022-06-16|flood",
      "flood report 16 June 2022|2024-06-19|2022-06-16|2022-06-16|flood report",
      "the storm of 5th of Sept 2022|2024-06-19|2022-09-05|2022-09-05|the storm",
      "Sept. 5, 2022 storm|2024-06-19|2022-09-05|2022-09-05|storm",
      "fireworks on July 4|2024-06-19|2023-07-04|2023-07-04|fireworks",
      // months, years, quarters
      "inflation during March 2023|2024-06-19|2023-03-01|2023-03-31|inflation",
      "Feb 2024 snowfall|2024-06-19|2024-02-01|2024-02-29|snowfall",
      "inflation in 2022|2024-06-19|2022-01-01|2022-12-31|inflation",
      "tax changes in the year 2022|2024-06-19|2022-01-01|2022-12-31|tax changes",
      "revenue in the third quarter of 2024|2025-01-10|2024-07-01|2024-09-30|revenue",
      "2024 Q1 revenue|2025-01-10|2024-01-01|2024-03-31|revenue",
      "Q3 results|2024-06-19|2023-07-01|2023-09-30|results",
      "Q2 results|2024-06-19|2024-04-01|2024-06-30|results",
      "reports in May|2024-06-01|2024-05-01|2024-05-31|reports",
      "reports in May|2024-03-10|2023-05-01|2023-05-31|reports",
      "In 2022, the team won the title|2024-06-19|2022-01-01|2022-12-31|the team won the title",
      // operators
      "layoffs since March 2023|2024-06-19|2023-03-01||layoffs",
      "policy changes since June 16, 2022|2024-06-19|2022-06-16||policy changes",
      "launches after 2020|2024-06-19|2021-01-01||launches",
      "launches after March 2023|2024-06-19|2023-04-01||launches",
      "reports before 2020|2024-06-19||2019-12-31|reports",
      "filings until March 2023|2024-06-19||2023-03-31|filings",
      "prices through 2022|2024-06-19||2022-12-31|prices",
      "rates from 2019 to 2021|2024-06-19|2019-01-01|2021-12-31|rates",
      "rainfall between March 2023 and May 2023|2024-06-19|2023-03-01|2023-05-31|rainfall",
      "reports from March to May|2024-03-10|2023-03-01|2023-05-31|reports",
      "reports from March 2023 to May|2024-06-19|2023-03-01|2023-05-31|reports",
      "from June 16 to June 20, 2022 what happened|2024-06-19|2022-06-16|2022-06-20|what happened",
      "since 2021 climate policy before May 2023|2024-06-19|2021-01-01|2023-04-30|climate policy",
      // relative
      "weather today|2024-06-19|||weather today",
      "as of today what are the rates|2024-06-19|||as of today what are the rates",
      "posts in the past week|2024-06-19|2024-06-13|2024-06-19|posts",
      "sales over the last 7 days|2024-06-19|2024-06-13|2024-06-19|sales",
      "papers from the past 3 months|2024-06-19|2024-03-20|2024-06-19|papers",
      "deals in the last two weeks|2024-06-19|2024-06-06|2024-06-19|deals",
      "last month's budget|2024-06-19|2024-05-01|2024-05-31|budget",
      "rainfall in the past month|2024-03-31|2024-03-01|2024-03-31|rainfall",
      "this year's champions|2024-06-19|2024-01-01|2024-06-19|champions",
      "last year tax rules|2024-06-19|2023-01-01|2023-12-31|tax rules",
      "the last week of school|2024-06-19|||the last week of school",
      "this weekend events|2024-06-19|||this weekend events",
  })
  void should_parse_the_time_expressions(String query, LocalDate asOf, LocalDate since, LocalDate until, String text) {
    TemporalParse p = TimeExpressions.parse(query, asOf);
    assertEquals(since == null && until == null ? null : new TimeRange(since, until), p.range(), "range");
    assertEquals(text, p.text(), "text");
  }

  @Test
  void should_resolve_relative_expressions_against_an_explicit_as_of() {
    TemporalParse p = TimeExpressions.parse(
        "Which NFL star requested a trade? In the past few days. As of 2023-03-30.", LocalDate.of(2026, 11, 23));
    assertEquals(LocalDate.of(2023, 3, 30), p.asOf());
    assertEquals(new TimeRange(LocalDate.of(2023, 3, 24), LocalDate.of(2023, 3, 30)), p.range());
    assertEquals("Which NFL star requested a trade?", p.text());
    assertEquals(List.of("In the past few days", "As of 2023-03-30"), p.expressions());
    assertTrue(p.relative());
  }

  @Test
  void should_not_move_now_forward_to_a_later_as_of() {
    TemporalParse p = TimeExpressions.parse("rates in the past week as of June 16, 2030", JUNE_19_2024);
    assertEquals(LocalDate.of(2030, 6, 16), p.asOf());
    assertEquals(new TimeRange(LocalDate.of(2024, 6, 13), JUNE_19_2024), p.range());
  }

  @Test
  void should_give_an_as_of_without_a_range() {
    TemporalParse p = TimeExpressions.parse("What is the population? as of June 16, 2022", JUNE_19_2024);
    assertEquals(LocalDate.of(2022, 6, 16), p.asOf());
    assertNull(p.range());
    assertFalse(p.relative());
    assertEquals("What is the population?", p.text());
  }

  @Test
  void should_resolve_relative_expressions_against_the_end_of_an_explicit_time_frame() {
    TemporalParse p = TimeExpressions.parse(
        "In August 2022: grocery prices over the last 12 months", LocalDate.of(2026, 11, 23));
    assertEquals(List.of("In August 2022", "over the last 12 months"), p.expressions());
    assertEquals(new TimeRange(LocalDate.of(2022, 8, 1), LocalDate.of(2022, 8, 31)), p.range());
    assertTrue(p.relative());
    assertNull(p.asOf());
    // the month without a year follows the explicit year, not the day of the search
    assertEquals(new TimeRange(LocalDate.of(2022, 5, 1), LocalDate.of(2022, 5, 31)),
        TimeExpressions.parse("in 2022, what happened in May", LocalDate.of(2026, 3, 1)).range());
  }

  @Test
  void should_keep_the_first_range_when_the_ranges_do_not_intersect() {
    TemporalParse p = TimeExpressions.parse("floods in 2020 and droughts in 2022", JUNE_19_2024);
    assertEquals(new TimeRange(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31)), p.range());
    assertEquals(List.of("in 2020", "in 2022"), p.expressions());
    assertEquals("floods and droughts", p.text());
    assertFalse(p.relative());
  }

  @Test
  void should_never_return_a_blank_text() {
    assertEquals("yesterday", TimeExpressions.parse("yesterday", JUNE_19_2024).text());
    assertEquals("In March 2023:", TimeExpressions.parse("In March 2023:", JUNE_19_2024).text());
    assertEquals("(last week)", TimeExpressions.parse("(last week)", JUNE_19_2024).text());
    assertEquals("   ", TimeExpressions.parse("   ", JUNE_19_2024).text());
  }

  @Test
  void should_list_the_expressions_in_order_of_appearance() {
    assertEquals(List.of("since 2021", "before May 2023"),
        TimeExpressions.parse("since 2021 climate policy before May 2023", JUNE_19_2024).expressions());
    // "this week" and "today" are freshness cues, not time expressions
    assertEquals(List.of(),
        TimeExpressions.parse("Sue Bird played her final game this week. Which team did she play for? (this week)",
            LocalDate.of(2022, 9, 8)).expressions());
    assertEquals(List.of("news from the week of June 16, 2022"),
        TimeExpressions.parse("Which show? (news from the week of June 16, 2022)", JUNE_19_2024).expressions());
    assertEquals(List.of("yesterday's", "in the past few days"),
        TimeExpressions.parse("yesterday's match, and transfers in the past few days", JUNE_19_2024).expressions());
  }

  @Test
  void should_find_nothing_in_a_query_without_time() {
    TemporalParse p = TimeExpressions.parse("how do vaccines work", JUNE_19_2024);
    assertEquals(new TemporalParse("how do vaccines work", null, null, List.of(), false), p);
    assertFalse(p.found());
  }

  @Test
  void should_tell_relative_from_absolute_ranges() {
    assertFalse(TimeExpressions.parse("inflation in March 2023", JUNE_19_2024).relative());
    assertFalse(TimeExpressions.parse("reports from March to May 2023", JUNE_19_2024).relative());
    assertTrue(TimeExpressions.parse("reports before May", JUNE_19_2024).relative());
    assertTrue(TimeExpressions.parse("Q3 results", JUNE_19_2024).relative());
    assertTrue(TimeExpressions.parse("the weather yesterday", JUNE_19_2024).relative());
  }

  @Test
  void should_copy_the_expressions() {
    List<String> expressions = new ArrayList<>(List.of("in 2022"));
    TemporalParse p = new TemporalParse("x", null, null, expressions, false);
    expressions.add("in 2023");
    assertEquals(List.of("in 2022"), p.expressions());
    assertThrows(UnsupportedOperationException.class, () -> p.expressions().add("in 2024"));
  }

  @Test
  void should_reject_null_arguments() {
    assertThrows(NullPointerException.class, () -> TimeExpressions.parse(null, JUNE_19_2024));
    assertThrows(NullPointerException.class, () -> TimeExpressions.parse("in 2022", null));
  }

  @Test
  void should_not_narrow_a_past_period_by_a_rolling_expression_whose_day_is_unknown() {
    // which days of June 2022 "the past few days" means cannot be known: the month stands
    TemporalParse p = TimeExpressions.parse(
        "In June 2022: Which US national park was impacted by severe flooding? in the past few days", LocalDate.of(2026, 11, 23));
    assertEquals(new TimeRange(LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 30)), p.range());
    assertEquals("Which US national park was impacted by severe flooding?", p.text());
    assertEquals(List.of("In June 2022", "in the past few days"), p.expressions());
  }

  @Test
  void should_tell_a_bound_from_a_period() {
    assertTrue(TimeExpressions.parse("climate policy since 2021", JUNE_19_2024).bound());
    assertTrue(TimeExpressions.parse("reports before May", JUNE_19_2024).bound());
    assertTrue(TimeExpressions.parse("between March 2023 and May 2023", JUNE_19_2024).bound());
    assertFalse(TimeExpressions.parse("news about Y in March 2023", JUNE_19_2024).bound());
    assertFalse(TimeExpressions.parse("what did we decide last week", JUNE_19_2024).bound());
  }

  @Test
  void should_leave_a_date_inside_a_question_to_the_question() {
    // what is asked about, not when to search: kept as words, no range
    for (String q : List.of(
        "How much have egg prices increased over the past year?",
        "Which airline is slashing 31,000 flights during November?",
        "How many minutes did Trump let violence play out during the insurrection on January 6, 2021?",
        "China's birth rate declined for the first time in decades in 2022. It has been the most populous nation since at least:")) {
      TemporalParse p = TimeExpressions.parse(q, JUNE_19_2024);
      assertNull(p.range(), q);
      assertEquals(q, p.text());
      assertEquals(List.of(), p.expressions());
    }
    // the frame of a question still counts: a prefix, a parenthesis, its own sentence, after the "?"
    assertEquals(new TimeRange(LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 31)),
        TimeExpressions.parse("In March 2023, which airline cut flights?", JUNE_19_2024).range());
    assertEquals(new TimeRange(LocalDate.of(2022, 6, 10), LocalDate.of(2022, 6, 16)),
        TimeExpressions.parse("Which airline cut flights? (news from the week of June 16, 2022)", JUNE_19_2024).range());
    assertEquals(LocalDate.of(2023, 3, 30),
        TimeExpressions.parse("Which airline cut flights? As of 2023-03-30.", JUNE_19_2024).asOf());
    // and a query that is not a question is framed by its dates
    assertEquals(new TimeRange(LocalDate.of(2024, 6, 6), LocalDate.of(2024, 6, 12)),
        TimeExpressions.parse("what did we decide last week", JUNE_19_2024).range());
  }
}
