package io.quarry.core.search;

import io.quarry.core.time.FreshnessStrategy;
import java.util.Objects;
import java.util.Set;

/**
 * One search, as the pipeline receives it after the HTTP layer has validated the wire form.
 *
 * @param query the user's text; not blank
 * @param k number of hits to return, in {@code 1..}{@link #MAX_K}
 * @param mode fast, deep or auto
 * @param filters restrictions applied by every leg
 * @param legs names of the legs allowed to run; empty means every leg the configuration enables.
 *     A request can only narrow what runs, never switch on a leg configuration switched off.
 * @param explain whether to include per-stage diagnostics beyond the always-present ones
 * @param passages whether to return passages rather than documents with their best passage
 * @param deep deep-search choices (deadline, rerank, variants); ignored by the fast path
 * @param time freshness choices (strategy, time expressions); null fields mean the configured
 *     defaults
 */
public record SearchRequest(
    String query,
    int k,
    SearchMode mode,
    Filters filters,
    Set<String> legs,
    boolean explain,
    boolean passages,
    DeepOptions deep,
    TimeOptions time) {

  /** Largest accepted {@code k}. */
  public static final int MAX_K = 1000;

  /** Default {@code k} when a client gives none. */
  public static final int DEFAULT_K = 10;

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    if (query.isBlank()) {
      throw new InvalidRequestException("query", "field 'query' must not be empty");
    }
    if (k < 1 || k > MAX_K) {
      throw new InvalidRequestException("k", "field 'k' is " + k + ", must be in 1.." + MAX_K);
    }
    mode = mode == null ? SearchMode.AUTO : mode;
    filters = filters == null ? Filters.NONE : filters;
    legs = legs == null ? Set.of() : Set.copyOf(legs);
    deep = deep == null ? DeepOptions.DEFAULT : deep;
    time = time == null ? TimeOptions.DEFAULT : time;
  }

  /** A request with the default freshness options. */
  public SearchRequest(String query, int k, SearchMode mode, Filters filters, Set<String> legs,
      boolean explain, boolean passages, DeepOptions deep) {
    this(query, k, mode, filters, legs, explain, passages, deep, TimeOptions.DEFAULT);
  }

  /**
   * What a request may choose about time; null means the configured default.
   *
   * @param strategy the freshness strategy, or null for the configured one (which applies to
   *     time-sensitive queries only)
   * @param timeExpressions whether to read time expressions from the text, or null for the default
   */
  public record TimeOptions(FreshnessStrategy strategy, Boolean timeExpressions) {
    public static final TimeOptions DEFAULT = new TimeOptions(null, null);
  }

  /** A request with the default deep options. */
  public SearchRequest(String query, int k, SearchMode mode, Filters filters, Set<String> legs,
      boolean explain, boolean passages) {
    this(query, k, mode, filters, legs, explain, passages, DeepOptions.DEFAULT, TimeOptions.DEFAULT);
  }

  /** A plain request: {@code k} hits in the given mode, no filters. */
  public static SearchRequest of(String query, int k, SearchMode mode) {
    return new SearchRequest(query, k, mode, Filters.NONE, Set.of(), false, false);
  }

  /** Returns a copy that only lets the named legs run. */
  public SearchRequest withLegs(Set<String> names) {
    return new SearchRequest(query, k, mode, filters, names, explain, passages, deep, time);
  }

  /** Returns a copy with other filters. */
  public SearchRequest withFilters(Filters f) {
    return new SearchRequest(query, k, mode, f, legs, explain, passages, deep, time);
  }

  /** Returns a copy in another mode. */
  public SearchRequest withMode(SearchMode m) {
    return new SearchRequest(query, k, m, filters, legs, explain, passages, deep, time);
  }

  /** Returns a copy searching other text (e.g. with its time expressions removed). */
  public SearchRequest withQuery(String text) {
    return new SearchRequest(text, k, mode, filters, legs, explain, passages, deep, time);
  }

  /** Returns a copy with other freshness options. */
  public SearchRequest withTime(TimeOptions t) {
    return new SearchRequest(query, k, mode, filters, legs, explain, passages, deep, t);
  }

  /** True when the leg may run as far as this request is concerned. */
  public boolean allows(String leg) {
    return legs.isEmpty() || legs.contains(leg);
  }
}
