package io.quarry.core.time;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What {@link TimeExpressions#parse(String, java.time.LocalDate)} found in a query.
 *
 * @param text the query without its time expressions and the words and punctuation that only
 *     introduced them; the original query when nothing was found or when removing them would leave
 *     nothing. Never null.
 * @param range the inclusive dates the expressions denote, intersected when there are several;
 *     null when no expression denotes dates (none found, or only "as of &lt;date&gt;")
 * @param asOf the day an explicit "as of &lt;date&gt;" expression names, or null when there is none
 * @param expressions the expressions as they appear in the query, with the preposition that
 *     introduces them ("in March 2023", "since 2021", "over the last 12 months"), in order of
 *     appearance; never null
 * @param relative whether a date in {@code range} depends on the day that counts as now ("last
 *     week", "yesterday", "in May" without a year, "Q3" without a year)
 * @param bound whether the range was stated as a bound ("since 2021", "before May", "between X
 *     and Y", "from X to Y"), which a search must honour as a filter, rather than as a period ("in
 *     March 2023", "the week of June 16", "last week"), whose end bounds a search but whose start
 *     may be treated as a preference
 */
public record TemporalParse(String text, TimeRange range, LocalDate asOf, List<String> expressions,
    boolean relative, boolean bound) {

  /** A parse that found no bound operator. */
  public TemporalParse(String text, TimeRange range, LocalDate asOf, List<String> expressions, boolean relative) {
    this(text, range, asOf, expressions, relative, false);
  }

  public TemporalParse {
    Objects.requireNonNull(text, "text");
    expressions = List.copyOf(expressions);
  }

  /** Whether any time expression was found (a range, an "as of", or both). */
  public boolean found() {
    return !expressions.isEmpty();
  }
}
