package io.quarry.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarry.core.search.Hit;
import io.quarry.core.search.FreshnessReport;
import io.quarry.core.fusion.LegScore;
import io.quarry.core.search.SearchResponse;
import java.util.List;
import java.util.Map;

/** The JSON answer of {@code POST /v1/search} (see API.md). */
public record SearchJson(
    List<HitJson> hits,
    String mode,
    boolean partial,
    List<DroppedJson> dropped,
    @JsonProperty("timings_ms") Map<String, Double> timingsMs,
    @JsonProperty("time_range") Map<String, String> timeRange,
    RouteJson route,
    FreshnessJson freshness,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> explain) {

  /**
   * How time shaped the search: the strategy that ran, the day that counted as now, whether the
   * query was judged time-sensitive and why, the time expressions read from it, the text the legs
   * searched, and the recent window in days (null when none was used).
   */
  public record FreshnessJson(
      String strategy,
      @JsonProperty("as_of") String asOf,
      @JsonProperty("time_sensitive") boolean timeSensitive,
      String reason,
      String cue,
      List<String> expressions,
      String query,
      @JsonProperty("window_days") Integer windowDays) {}

  /**
   * A leg or stage that contributed nothing: {@code reason} is one of {@code not_requested},
   * {@code disabled}, {@code unavailable}, {@code gated}, {@code timeout}, {@code error} (the
   * answer is partial for the last two); {@code detail} says what happened, when known.
   */
  public record DroppedJson(String leg, String reason, String detail) {}

  /** How {@code mode=auto} decided. */
  public record RouteJson(String mode, String reason) {}

  /** One hit; {@code text} is the document's best passage. */
  public record HitJson(
      String id,
      String title,
      String text,
      int passage,
      String date,
      String source,
      String url,
      double score,
      Map<String, LegScore> legs) {}

  public static SearchJson of(SearchResponse r) {
    List<HitJson> hits = r.hits().stream().map(SearchJson::hit).toList();
    Map<String, String> range = null;
    if (r.timeRange() != null) {
      range = new java.util.LinkedHashMap<>();
      if (r.timeRange().since() != null) {
        range.put("since", r.timeRange().since().toString());
      }
      if (r.timeRange().until() != null) {
        range.put("until", r.timeRange().until().toString());
      }
    }
    RouteJson route = r.route() == null ? null : new RouteJson(r.route().wireName(), r.route().reason());
    FreshnessReport f = r.freshness();
    FreshnessJson freshness = f == null ? null : new FreshnessJson(f.strategy(),
        f.asOf() == null ? null : f.asOf().toString(), f.timeSensitive(), f.reason(), f.cue(),
        f.expressions(), f.query(), f.windowDays());
    List<DroppedJson> dropped = r.dropped().stream()
        .map(d -> new DroppedJson(d.leg(), d.reason().wireName(), d.detail())).toList();
    return new SearchJson(hits, r.mode().wireName(), r.partial(), dropped, r.timingsMs(), range,
        route, freshness, r.explain());
  }

  private static HitJson hit(Hit h) {
    return new HitJson(h.id(), h.title(), h.text(), h.passage(),
        h.date() == null ? null : h.date().toString(), h.source(), h.url(), h.score(), h.legs());
  }
}
