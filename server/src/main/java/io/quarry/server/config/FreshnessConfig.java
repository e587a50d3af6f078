package io.quarry.server.config;

import io.quarry.core.search.freshness.FreshnessSettings;
import io.quarry.core.time.FreshnessStrategy;
import io.quarry.core.search.SearchMode;
import java.util.Locale;

/**
 * The {@code freshness.*} keys.
 *
 * @param settings search-core's freshness settings
 * @param autoMode the path {@code mode=auto} takes for a time-sensitive query: fast, deep, or auto
 *     (the router decides as for any query)
 */
public record FreshnessConfig(FreshnessSettings settings, SearchMode autoMode) {

  /** Measured on RealTime QA (README, "Freshness"): the fast path answers news questions as well, sooner. */
  public static final SearchMode DEFAULT_AUTO_MODE = SearchMode.FAST;

  static FreshnessConfig from(Settings s) {
    FreshnessSettings d = FreshnessSettings.DEFAULT;
    FreshnessSettings f = new FreshnessSettings(
        s.parsed("freshness.strategy", d.strategy().wireName(), FreshnessStrategy::parse),
        s.integer("freshness.window_days", d.windowDays(), 1, 100_000),
        s.integer("freshness.max_window_days", d.maxWindowDays(), 1, 1_000_000),
        s.integer("freshness.min_hits", d.minHits(), 1, 10_000),
        s.number("freshness.half_life_days", d.halfLifeDays(), 0.001, 1_000_000),
        s.number("freshness.recent_weight", d.recentWeight(), 0, 1000),
        s.parsed("freshness.undated", d.undated().name().toLowerCase(Locale.ROOT), FreshnessSettings.Undated::parse),
        s.bool("freshness.time_expressions", d.timeExpressions()),
        s.bool("freshness.as_of_signal", d.explicitAsOfIsSignal()));
    SearchMode auto = s.parsed("freshness.auto_mode", DEFAULT_AUTO_MODE.wireName(), SearchMode::parse);
    return new FreshnessConfig(f, auto);
  }
}
