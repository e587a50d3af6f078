package io.quarry.core.search.freshness;

import io.quarry.core.search.Filters;
import io.quarry.core.search.leg.FilterQueries;
import io.quarry.core.search.leg.QueryTerms;
import io.quarry.core.index.Fields;
import io.quarry.core.index.QuarryIndex;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * The recent window of a time-sensitive search: the {@code days} days ending on the anchor day,
 * inclusive. A window is a date range, so undated documents are never in it.
 *
 * @param days the window's length, or 0 for all time (no window)
 * @param filters the filters with the window applied
 */
public record RecencyWindow(int days, Filters filters) {

  /** The fixed window of {@code days} days ending on {@code anchor}, within {@code base}. */
  public static RecencyWindow of(Filters base, LocalDate anchor, int days) {
    LocalDate since = TemporalPlan.later(base.since(), anchor.minusDays(days - 1L));
    LocalDate until = TemporalPlan.earlier(base.until(), anchor);
    if (since.isAfter(until)) {
      // the request's own range ends before the window starts: the window is that range's end
      since = until;
    }
    return new RecencyWindow(days, base.withRange(since, until));
  }

  /**
   * The smallest window, from {@code days0} doubling, then {@link FreshnessSettings#maxWindowDays()}
   * itself, in which at least {@link FreshnessSettings#minHits()} documents match the query's
   * terms (counted, not scored: a few hundred microseconds a step); all time when none does. A
   * query of stop words only counts every document in the window.
   *
   * @param expired polled while counting (as Lucene's {@code QueryTimeout}) and between steps:
   *     planning is inside the request's budget
   * @return the window, all time ({@code days == 0}), or null when {@code expired} said stop
   *     before a window was found
   */
  public static RecencyWindow widened(QuarryIndex index, QuarryIndex.Snapshot snapshot, String text,
      Filters base, LocalDate anchor, int days0, FreshnessSettings settings, BooleanSupplier expired)
      throws IOException {
    Query terms = QueryTerms.analyze(index.analyzer(), Fields.CONTENTS, text).toQuery(Fields.CONTENTS);
    IndexSearcher searcher = snapshot.searcher(expired::getAsBoolean);
    for (int days : steps(days0, settings.maxWindowDays())) {
      if (expired.getAsBoolean()) {
        return null;
      }
      RecencyWindow w = of(base, anchor, days);
      BooleanQuery.Builder q = new BooleanQuery.Builder().add(FilterQueries.documents(w.filters()), Occur.FILTER);
      if (terms != null) {
        q.add(terms, Occur.MUST);
      }
      int count = searcher.count(q.build());
      if (expired.getAsBoolean()) {
        return null; // the count may have stopped early: it proves nothing
      }
      if (count >= settings.minHits()) {
        return w;
      }
    }
    return new RecencyWindow(0, base);
  }

  /** The window lengths tried: {@code first} doubling while under {@code max}, then {@code max}. */
  static List<Integer> steps(int first, int max) {
    List<Integer> out = new ArrayList<>();
    long days = first;
    for (; days < max; days *= 2) {
      out.add((int) days);
    }
    out.add(Math.max(first, max));
    return out;
  }
}
