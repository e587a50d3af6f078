package io.quarry.core.search;

import io.quarry.core.query.RouteDecision;
import io.quarry.core.query.Router;

/**
 * The one entry point for searches: the fast path, the deep path, and {@code mode=auto}, which
 * the {@link Router} resolves from the query text alone; the decision is reported in the response.
 *
 * <p>Thread-safe.
 */
public final class SearchService {

  private final SearchPipeline fast;
  private final DeepSearch deep;

  /**
   * @param deep the deep path, or null when configuration switched it off
   */
  public SearchService(SearchPipeline fast, DeepSearch deep) {
    this.fast = fast;
    this.deep = deep;
  }

  public SearchResponse search(SearchRequest request) {
    return switch (request.mode()) {
      case FAST -> fast.search(request);
      case DEEP -> {
        if (deep == null) {
          throw new IllegalArgumentException(
              "illegal mode: deep search is switched off by configuration (deep.enabled=false); use fast or auto");
        }
        yield deep.search(request);
      }
      case AUTO -> {
        RouteDecision d = Router.route(request.query());
        if (d.mode() == SearchMode.DEEP && deep != null) {
          yield deep.search(request.withMode(SearchMode.DEEP)).withRoute(d);
        }
        RouteDecision taken = d.mode() == SearchMode.DEEP
            ? new RouteDecision(SearchMode.FAST, d.reason() + ", but deep search is switched off") : d;
        yield fast.search(request.withMode(SearchMode.FAST)).withRoute(taken);
      }
    };
  }

  public boolean deepEnabled() {
    return deep != null;
  }
}
