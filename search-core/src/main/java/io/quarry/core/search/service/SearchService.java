package io.quarry.core.search.service;

import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.core.search.deep.DeepSearch;
import io.quarry.core.search.fast.FastSearch;
import io.quarry.core.search.freshness.FreshnessSettings;
import io.quarry.core.search.freshness.TemporalPlan;
import io.quarry.core.search.freshness.TemporalPlanner;
import io.quarry.core.query.RouteDecision;
import io.quarry.core.query.Router;

/**
 * The one entry point for searches: the fast path, the deep path, and {@code mode=auto}. Every
 * search is first given a {@link TemporalPlan} (its as-of day, the time expressions taken out of
 * its text, whether it is time-sensitive, the freshness strategy), which every path and every
 * leg then follows. {@code mode=auto} resolves fast or deep with the {@link Router}; a
 * time-sensitive query is routed through its freshness strategy on the path that answers news
 * questions best (the README's "Freshness" section has the measurements). The decision is
 * reported in the response.
 *
 * <p>Thread-safe.
 */
public final class SearchService {

  private final FastSearch fast;
  private final DeepSearch deep;
  private final TemporalPlanner planner;
  private final SearchMode timeSensitiveMode;

  /**
   * @param deep the deep path, or null when configuration switched it off
   * @param planner decides what time means for each request
   * @param timeSensitiveMode the path {@code mode=auto} takes for time-sensitive queries: fast, deep
   *     or auto (let the {@link Router} decide as for any other query)
   */
  public SearchService(FastSearch fast, DeepSearch deep, TemporalPlanner planner,
      SearchMode timeSensitiveMode) {
    this.fast = fast;
    this.deep = deep;
    this.planner = planner;
    this.timeSensitiveMode = timeSensitiveMode;
  }

  /** A service with the default freshness settings and the system clock. */
  public SearchService(FastSearch fast, DeepSearch deep) {
    this(fast, deep, new TemporalPlanner(FreshnessSettings.DEFAULT, java.time.Clock.systemUTC()), SearchMode.FAST);
  }

  public SearchResponse search(SearchRequest request) {
    return answer(request, planner.plan(request));
  }

  private SearchResponse answer(SearchRequest request, TemporalPlan time) {
    return switch (request.mode()) {
      case FAST -> fast.search(request, time);
      case DEEP -> {
        if (deep == null) {
          throw new IllegalArgumentException(
              "illegal mode: deep search is switched off by configuration (deep.enabled=false); use fast or auto");
        }
        yield deep.search(request, time);
      }
      case AUTO -> {
        RouteDecision d = route(request, time);
        if (d.deep() && deep != null) {
          yield deep.search(request.withMode(SearchMode.DEEP), time).withRoute(d);
        }
        RouteDecision taken = d.deep()
            ? RouteDecision.fast(d.reason() + ", but deep search is switched off") : d;
        yield fast.search(request.withMode(SearchMode.FAST), time).withRoute(taken);
      }
    };
  }

  private RouteDecision route(SearchRequest request, TemporalPlan time) {
    if (time.timeSensitive() && timeSensitiveMode != SearchMode.AUTO) {
      return new RouteDecision(timeSensitiveMode == SearchMode.DEEP, "time-sensitive (" + time.reason() + "): "
          + time.strategy().wireName());
    }
    RouteDecision d = Router.route(time.text());
    return time.timeSensitive()
        ? new RouteDecision(d.deep(), d.reason() + "; time-sensitive (" + time.reason() + "): " + time.strategy().wireName())
        : d;
  }

  public boolean deepEnabled() {
    return deep != null;
  }

}
