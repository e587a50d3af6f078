package io.quarry.core.search;

import java.time.LocalDate;
import java.util.List;

/**
 * How time shaped a search, as the response reports it.
 *
 * @param strategy the freshness strategy that ran ({@code none} included)
 * @param asOf the day that counted as now
 * @param timeSensitive whether the query was judged time-sensitive
 * @param reason why, in a few words
 * @param cue the freshness cue found in the text, or null
 * @param expressions time expressions read from the text
 * @param query the text the legs searched (time expressions removed)
 * @param windowDays the recent window used, in days; null when none was used (or when the window
 *     was widened to all time)
 */
public record FreshnessReport(
    String strategy,
    LocalDate asOf,
    boolean timeSensitive,
    String reason,
    String cue,
    List<String> expressions,
    String query,
    Integer windowDays) {

  public FreshnessReport {
    expressions = List.copyOf(expressions);
  }
}
