package io.quarry.core.search.service;

import io.quarry.core.query.RouteDecision;
import io.quarry.core.query.Router;
import io.quarry.core.search.InvalidRequestException;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.core.search.deep.DeepSearch;
import io.quarry.core.search.deep.DeepSettings;
import io.quarry.core.search.fast.FastSearch;
import io.quarry.core.search.freshness.FreshnessSettings;
import io.quarry.core.search.freshness.TemporalPlan;
import io.quarry.core.search.freshness.TemporalPlanner;
import java.time.Clock;
import java.time.Duration;

/**
 * The one entry point for searches: the fast path, the deep path, and {@code mode=auto}.
 *
 * <ol>
 *   <li><b>Validate</b> what every route shares, the same whatever the route: {@code deadline_ms}
 *       within {@code deep.max_deadline_ms}, deep search asked for only when it is on.
 *   <li><b>Plan time</b>: a {@link TemporalPlan} (the as-of day, the time expressions taken out of
 *       the text, whether it is time-sensitive, the freshness strategy), which every path and
 *       every leg then follows.
 *   <li><b>Route</b>: {@code mode=auto} resolves fast or deep with the {@link Router}; a
 *       time-sensitive query takes the path configured for it (the README's "Freshness" section
 *       has the measurements). The decision is reported in the response.
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class SearchService {

  private final FastSearch fast;
  private final DeepSearch deep;
  private final Duration maxDeadline;
  private final TemporalPlanner planner;
  private final SearchMode timeSensitiveMode;
  private final java.util.List<io.quarry.core.spi.RouteHint> hints;

  /**
   * @param deep the deep path, or null when configuration switched it off
   * @param deepSettings the deep configuration, also when the deep path is off: a request's
   *     {@code deadline_ms} is checked against its maximum whatever the route
   * @param planner decides what time means for each request
   * @param timeSensitiveMode the path {@code mode=auto} takes for time-sensitive queries: fast, deep
   *     or auto (let the {@link Router} decide as for any other query)
   * @param hints asked, in order, when the router would answer fast: the first with a reason sends
   *     the query deep (the graph, for entity-rich questions)
   */
  public SearchService(FastSearch fast, DeepSearch deep, DeepSettings deepSettings,
      TemporalPlanner planner, SearchMode timeSensitiveMode, java.util.List<io.quarry.core.spi.RouteHint> hints) {
    this.hints = java.util.List.copyOf(hints);
    this.fast = fast;
    this.deep = deep;
    this.maxDeadline = deepSettings.maxDeadline();
    this.planner = planner;
    this.timeSensitiveMode = timeSensitiveMode;
  }

  /** A service without route hints. */
  public SearchService(FastSearch fast, DeepSearch deep, DeepSettings deepSettings,
      TemporalPlanner planner, SearchMode timeSensitiveMode) {
    this(fast, deep, deepSettings, planner, timeSensitiveMode, java.util.List.of());
  }

  /** A service with the default freshness settings and the system clock. */
  public SearchService(FastSearch fast, DeepSearch deep) {
    this(fast, deep, deep == null ? DeepSettings.DEFAULT : deep.settings(),
        new TemporalPlanner(FreshnessSettings.DEFAULT, Clock.systemUTC()), SearchMode.FAST);
  }

  /**
   * Answers one search.
   *
   * @throws InvalidRequestException naming the field when the request cannot be answered as asked
   */
  public SearchResponse search(SearchRequest request) {
    validate(request);
    TemporalPlan time = planner.plan(request);
    return switch (request.mode()) {
      case FAST -> fast.search(request, time);
      case DEEP -> deep.search(request, time);
      case AUTO -> {
        RouteDecision d = route(time);
        if (d.deep() && deep != null) {
          yield deep.search(request.withMode(SearchMode.DEEP), time).withRoute(d);
        }
        RouteDecision taken = d.deep() ? RouteDecision.fast(d.reason() + ", but deep search is switched off") : d;
        yield fast.search(request.withMode(SearchMode.FAST), time).withRoute(taken);
      }
    };
  }

  private void validate(SearchRequest request) {
    Duration asked = request.deep().deadline();
    if (asked != null && asked.compareTo(maxDeadline) > 0) {
      throw new InvalidRequestException("deadline_ms", "field 'deadline_ms' is " + asked.toMillis()
          + ", must be at most " + maxDeadline.toMillis() + " (deep.max_deadline_ms)");
    }
    if (request.mode() == SearchMode.FAST && !request.legs().isEmpty()
        && java.util.Collections.disjoint(request.legs(), fast.legNames())) {
      throw new InvalidRequestException("legs", "field 'legs' names only " + new java.util.TreeSet<>(request.legs())
          + ", which the fast path does not run (it runs " + fast.legNames() + "); use mode deep or auto");
    }
    if (request.mode() == SearchMode.DEEP && deep == null) {
      throw new InvalidRequestException("mode", "field 'mode' is deep, but deep search is switched off"
          + " by configuration (deep.enabled=false); use fast or auto");
    }
  }

  private RouteDecision route(TemporalPlan time) {
    String why = "time-sensitive (" + time.reason() + "): " + time.strategy().wireName();
    if (time.timeSensitive() && timeSensitiveMode != SearchMode.AUTO) {
      return new RouteDecision(timeSensitiveMode == SearchMode.DEEP, why);
    }
    RouteDecision d = Router.route(time.text());
    if (!d.deep() && deep != null) {
      for (var hint : hints) {
        String reason = hint.deepReason(time.text());
        if (reason != null) {
          d = new RouteDecision(true, reason);
          break;
        }
      }
    }
    return time.timeSensitive() ? new RouteDecision(d.deep(), d.reason() + "; " + why) : d;
  }

  public boolean deepEnabled() {
    return deep != null;
  }
}
