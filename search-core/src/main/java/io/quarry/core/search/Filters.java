package io.quarry.core.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Restrictions every leg applies before ranking.
 *
 * <p>{@code since} and {@code until} are inclusive days and exclude undated documents. {@code
 * asOf} is the day that counts as "now": nothing dated after the end of that day is returned,
 * while undated documents pass (they cannot be from the future).
 *
 * @param sources documents whose source is one of these; empty means any source
 * @param facets for each facet name, documents with at least one of the listed values; all names
 *     must match
 * @param since first day, inclusive; nullable
 * @param until last day, inclusive; nullable
 * @param asOf the day that counts as now; nullable (no restriction)
 */
public record Filters(
    List<String> sources,
    Map<String, List<String>> facets,
    LocalDate since,
    LocalDate until,
    LocalDate asOf) {

  /** No restriction at all. */
  public static final Filters NONE = new Filters(List.of(), Map.of(), null, null, null);

  public Filters {
    sources = sources == null ? List.of() : List.copyOf(sources);
    facets = facets == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(facets));
    if (since != null && until != null && since.isAfter(until)) {
      throw new IllegalArgumentException("illegal since: " + since + " is after until " + until);
    }
  }

  /** True when no restriction is set. */
  public boolean isEmpty() {
    return sources.isEmpty() && facets.isEmpty() && since == null && until == null && asOf == null;
  }

  /** Returns a copy with {@code asOf} replaced. */
  public Filters withAsOf(LocalDate day) {
    return new Filters(sources, facets, since, until, day);
  }

  /** Returns a copy with {@code since} and {@code until} replaced. */
  public Filters withRange(LocalDate newSince, LocalDate newUntil) {
    return new Filters(sources, facets, newSince, newUntil, asOf);
  }
}
