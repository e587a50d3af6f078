package io.quarry.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreshnessIntentTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "what's the latest on the Fed rate decision|latest",
      "Which NFL star requested a trade from his longtime home this week?|this week",
      "Recently: What song did Taylor Swift re-record?|recently",
      "Who is now the world's richest man|now",
      "What is the current inflation rate|current",
      "new covid variant|new",
      "the new iPhone camera|new",
      "Which show was green lit for a new season?|new",
      "New COVID rules for travellers|new",
      "what did we decide yesterday|yesterday",
      "most recent Mars rover landing|recent",
      "newest GPU benchmarks|newest",
      "who currently leads the polls|currently",
      "how do people commute nowadays|nowadays",
      "who won the match today|today",
      "what's on TV tonight|tonight",
      "what happened this morning in Paris|this morning",
      "top songs THIS MONTH|this month",
      "best films of this year|this year",
      "box office so far|so far",
      "breaking: earthquake in Chile|breaking",
      "just announced phones|just announced",
      "upcoming elections in Europe|upcoming",
      "what happened last night|last night",
      "what are teens into these days|these days",
      "who is the champion right now|right now",
      "what is trending at the moment|at the moment",
      "interest rates as of now|as of now",
      "has she been active lately|lately",
      "storms over the past few days|past few days",
      "layoffs in the past week|past week",
      "outages in the last few days|last few days",
      "news from New York|",
      "New Zealand election results|",
      "New Year's Eve traditions|",
      "Who was the first US president?|",
      "effect of electric current on cells|",
      "ocean current temperatures in the Atlantic|",
      "snowfall known records|",
      "how do vaccines work|",
      "newsletter templates|",
      "a history of the Roman empire|",
  })
  void should_find_the_freshness_cue(String query, String cue) {
    assertEquals(Optional.ofNullable(cue), FreshnessIntent.cue(query));
    assertEquals(cue != null, FreshnessIntent.has(query));
  }

  @Test
  void should_skip_a_proper_name_and_find_a_later_cue() {
    assertEquals(Optional.of("latest"), FreshnessIntent.cue("New York latest weather"));
    assertEquals(Optional.of("current"), FreshnessIntent.cue("electric current vs the current record"));
  }

  @Test
  void should_collapse_whitespace_inside_a_phrase() {
    assertEquals(Optional.of("this week"), FreshnessIntent.cue("what happened  This\tWeek"));
  }

  @Test
  void should_reject_null() {
    assertThrows(NullPointerException.class, () -> FreshnessIntent.cue(null));
  }
}
