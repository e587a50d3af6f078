package io.quarry.core.search.freshness;

import io.quarry.core.search.Filters;
import io.quarry.core.search.FreshnessReport;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.leg.FilterQueries;
import io.quarry.core.time.FreshnessStrategy;
import io.quarry.core.time.TimeRange;
import java.time.LocalDate;
import java.util.List;

/**
 * What time means for one search, decided before any leg runs (by {@link TemporalPlanner}).
 *
 * @param asOf the day that counts as "now": nothing dated after it is returned
 * @param text the text the legs search: the query with its time expressions removed
 * @param range the date range the query's time expressions denote, or null. Nothing after its end
 *     is returned. A bound ("since 2021", "before May") filters every leg; so does a period ("in
 *     March 2023", "last week") under {@code none} and {@code recency_decay}, while under {@code
 *     vector_date_filter} and {@code dual_pass} the period is the recent window: preferred, and
 *     widened or fused with the time before it
 * @param bound whether {@code range} was stated as a bound rather than named as a period
 * @param windowDays the recent window's length: the period's when the query names one, else the
 *     configured window
 * @param expressions the time expressions read from the query, verbatim
 * @param cue the word or phrase that showed freshness intent ("latest", "this week"), or null
 * @param timeSensitive whether the query is about recent or dated events
 * @param reason why it is (or is not) time-sensitive, in a few words
 * @param strategy the freshness strategy that runs
 * @param datedOnly whether undated documents are left out ({@link FreshnessSettings.Undated#EXCLUDE}
 *     for a time-sensitive query)
 */
public record TemporalPlan(
    LocalDate asOf,
    String text,
    TimeRange range,
    boolean bound,
    int windowDays,
    List<String> expressions,
    String cue,
    boolean timeSensitive,
    String reason,
    FreshnessStrategy strategy,
    boolean datedOnly) {

  public TemporalPlan {
    expressions = List.copyOf(expressions);
  }

  /** A plan that changes nothing: the request's own text and filters, no strategy. */
  public static TemporalPlan none(SearchRequest request) {
    return new TemporalPlan(request.filters().asOf(), request.query(), null, false,
        FreshnessSettings.DEFAULT.windowDays(), List.of(), null, false,
        "not planned", FreshnessStrategy.NONE, false);
  }

  /**
   * The day recency is measured from: the as-of day, or the end of the query's range when that
   * is earlier ("news from March 2023" is recent relative to the end of March 2023).
   */
  public LocalDate anchor() {
    if (range != null && range.until() != null && asOf != null && range.until().isBefore(asOf)) {
      return range.until();
    }
    return asOf;
  }

  /**
   * The request as the legs see it on {@code reader}: the cleaned text, and filters with the
   * as-of day (left out when no document there is dated after it) and the query's range
   * (intersected with the request's own since/until).
   */
  public SearchRequest apply(SearchRequest request, org.apache.lucene.index.IndexReader reader) throws java.io.IOException {
    Filters f = FilterQueries.withoutNoOpAsOf(reader, request.filters().withAsOf(asOf));
    if (range != null) {
      // a period under a windowing strategy bounds the end only; its start is the window's
      boolean window = !bound && (strategy == FreshnessStrategy.VECTOR_DATE_FILTER
          || strategy == FreshnessStrategy.DUAL_PASS);
      LocalDate since = window ? f.since() : later(f.since(), range.since());
      LocalDate until = earlier(f.until(), range.until());
      if (since == null || until == null || !since.isAfter(until)) {
        f = f.withRange(since, until);
      }
    }
    if (datedOnly && f.since() == null) {
      f = f.withRange(DATED, f.until()); // a range excludes undated documents
    }
    return request.withQuery(text).withFilters(f);
  }

  /**
   * This plan as it applies to an index with no dated document: no range, no strategy, the
   * original text (its dates are words to match there), or this plan unchanged when the index has
   * dates. A time expression read from an undated corpus's query (a claim "In 2010, ...") must
   * not filter every document out.
   */
  public TemporalPlan onIndex(org.apache.lucene.index.IndexReader reader, String original) throws java.io.IOException {
    if ((range == null && strategy == FreshnessStrategy.NONE && !datedOnly)
        || org.apache.lucene.index.PointValues.getDocCount(reader, io.quarry.core.index.Fields.DATE) > 0) {
      return this;
    }
    return new TemporalPlan(asOf, original, null, false, windowDays, expressions, cue, timeSensitive,
        reason + "; no document in the index is dated", FreshnessStrategy.NONE, false);
  }

  /** The range the response shows: the query's, else the request's own since/until, else null. */
  public TimeRange shown(Filters requested) {
    if (range != null) {
      return range;
    }
    return requested.since() != null || requested.until() != null
        ? new TimeRange(requested.since(), requested.until()) : null;
  }

  /** This plan's part of the response. */
  public FreshnessReport report(Integer windowDays) {
    return new FreshnessReport(strategy.wireName(), asOf, timeSensitive, reason, cue, expressions,
        text, windowDays);
  }

  /** A day before any publish date: "since" it admits every dated document and no undated one. */
  private static final LocalDate DATED = LocalDate.of(1, 1, 1);

  static LocalDate later(LocalDate a, LocalDate b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  static LocalDate earlier(LocalDate a, LocalDate b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }
}
