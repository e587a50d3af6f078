package io.quarry.core.search.leg;

import io.quarry.core.search.Filters;
import io.quarry.core.index.Fields;
import io.quarry.core.index.QuarryIndex;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns {@link Filters} into Lucene filter queries for documents (parents) and passages
 * (children); both levels carry the same filter fields, so the two queries differ only in which
 * kind of Lucene doc they admit.
 */
public final class FilterQueries {

  private FilterQueries() {}

  /** Filter admitting parent docs that pass {@code filters}. */
  public static Query documents(Filters filters) {
    return build(QuarryIndex.parentsQuery(), filters);
  }

  /** Filter admitting child docs whose document passes {@code filters}. */
  public static Query passages(Filters filters) {
    return build(QuarryIndex.childrenQuery(), filters);
  }

  private static Query build(Query kind, Filters f) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(kind, Occur.FILTER);
    if (!f.sources().isEmpty()) {
      b.add(termsIn(Fields.SOURCE, f.sources()), Occur.FILTER);
    }
    f.facets().forEach((name, values) -> b.add(termsIn(Fields.FACET,
        values.stream().map(v -> name + "=" + v).toList()), Occur.FILTER));
    if (f.since() != null || f.until() != null) {
      long from = f.since() == null ? Long.MIN_VALUE : startOfDay(f.since());
      long to = f.until() == null ? Long.MAX_VALUE : startOfDay(f.until().plusDays(1)) - 1;
      b.add(LongPoint.newRangeQuery(Fields.DATE, from, to), Occur.FILTER);
    }
    if (f.asOf() != null) {
      // Excluding "after as_of" rather than requiring "before" keeps undated documents.
      b.add(LongPoint.newRangeQuery(Fields.DATE, startOfDay(f.asOf().plusDays(1)), Long.MAX_VALUE),
          Occur.MUST_NOT);
    }
    return b.build();
  }

  /**
   * The same filters without an {@code asOf} that excludes nothing: when no document in the
   * reader is dated after the as-of day (an undated corpus, or a question about today), the
   * clause would only cost the vector leg a filter bit set per query.
   */
  public static Filters withoutNoOpAsOf(org.apache.lucene.index.IndexReader reader, Filters f) throws java.io.IOException {
    if (f.asOf() == null) {
      return f;
    }
    byte[] max = org.apache.lucene.index.PointValues.getMaxPackedValue(reader, Fields.DATE);
    if (max == null || LongPoint.decodeDimension(max, 0) < startOfDay(f.asOf().plusDays(1))) {
      return f.withAsOf(null);
    }
    return f;
  }

  private static Query termsIn(String field, List<String> values) {
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }

  public static long startOfDay(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
