package io.quarry.core.search;

import io.quarry.core.query.RouteDecision;
import io.quarry.core.time.TimeRange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a search returns, with its diagnostics.
 *
 * @param hits ranked hits, best first
 * @param mode the mode that actually ran (auto resolves to fast or deep)
 * @param dropped every leg or stage that contributed nothing, with the reason
 * @param timingsMs per-stage wall times in milliseconds, always including {@code total}
 * @param timeRange the date range applied, when one was parsed or given; nullable
 * @param explain extra diagnostics when the request asked for them; empty otherwise
 * @param route how {@code mode=auto} decided, or null when the client chose the mode
 * @param freshness how time shaped the search, or null when it was not planned
 */
public record SearchResponse(
    List<Hit> hits,
    SearchMode mode,
    List<DroppedLeg> dropped,
    Map<String, Double> timingsMs,
    TimeRange timeRange,
    Map<String, Object> explain,
    RouteDecision route,
    FreshnessReport freshness) {

  public SearchResponse {
    hits = List.copyOf(hits);
    dropped = List.copyOf(dropped);
    timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
    explain = explain == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(explain));
  }

  /**
   * True when some leg or stage meant to run did not finish (a timeout or an error): the one rule
   * for both paths, {@link DropReason#partial()}.
   */
  public boolean partial() {
    return dropped.stream().anyMatch(DroppedLeg::partial);
  }

  /** Returns a copy that records how auto routing decided. */
  public SearchResponse withRoute(RouteDecision decision) {
    return new SearchResponse(hits, mode, dropped, timingsMs, timeRange, explain, decision, freshness);
  }
}
