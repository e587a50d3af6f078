package io.quarry.core.search;

import io.quarry.core.time.TimeRange;
import java.util.List;
import java.util.Map;

/**
 * What a search returns, with its diagnostics.
 *
 * @param hits ranked hits, best first
 * @param mode the mode that actually ran (auto resolves to fast or deep)
 * @param partial true when some leg did not contribute (timeout, error)
 * @param dropped every leg that contributed nothing, with the reason
 * @param timingsMs per-stage wall times in milliseconds, always including {@code total}
 * @param timeRange the date range applied, when one was parsed or given; nullable
 * @param explain extra diagnostics when the request asked for them; empty otherwise
 * @param route how {@code mode=auto} decided, or null when the client chose the mode
 * @param freshness how time shaped the search, or null when it was not planned
 */
public record SearchResponse(
    List<Hit> hits,
    SearchMode mode,
    boolean partial,
    List<DroppedLeg> dropped,
    Map<String, Double> timingsMs,
    TimeRange timeRange,
    Map<String, Object> explain,
    io.quarry.core.query.RouteDecision route,
    FreshnessReport freshness) {

  public SearchResponse {
    hits = List.copyOf(hits);
    dropped = List.copyOf(dropped);
    timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
    explain = explain == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(explain));
  }

  /** A response without a freshness report. */
  public SearchResponse(List<Hit> hits, SearchMode mode, boolean partial, List<DroppedLeg> dropped,
      Map<String, Double> timingsMs, TimeRange timeRange, Map<String, Object> explain,
      io.quarry.core.query.RouteDecision route) {
    this(hits, mode, partial, dropped, timingsMs, timeRange, explain, route, null);
  }

  /** Returns a copy that records how auto routing decided. */
  public SearchResponse withRoute(io.quarry.core.query.RouteDecision decision) {
    return new SearchResponse(hits, mode, partial, dropped, timingsMs, timeRange, explain, decision, freshness);
  }
}
