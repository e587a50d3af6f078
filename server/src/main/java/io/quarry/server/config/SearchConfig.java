package io.quarry.server.config;

import io.quarry.core.fusion.ReciprocalRankFusion;
import io.quarry.core.search.leg.Bm25Leg;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.leg.VectorLeg;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads the {@code search.*} keys into search-core's {@link SearchSettings}. */
final class SearchConfig {

  /** Every leg the fast path knows, in fusion order. */
  static final String[] LEGS = {Bm25Leg.NAME, VectorLeg.NAME};

  private SearchConfig() {}

  static SearchSettings from(Settings s) {
    Map<String, Double> weights = new LinkedHashMap<>();
    Set<String> legs = new LinkedHashSet<>();
    for (String leg : LEGS) {
      weights.put(leg, s.number("search.weights." + leg,
          SearchSettings.DEFAULT_WEIGHTS.getOrDefault(leg, 1.0), 0, 1000));
      if (s.bool("search.legs." + leg, true)) {
        legs.add(leg);
      }
    }
    return new SearchSettings(
        SearchSettings.FusionMethod.parse(s.string("search.fusion",
            SearchSettings.DEFAULT_FUSION.name().toLowerCase(java.util.Locale.ROOT))),
        s.integer("search.rrf.k", ReciprocalRankFusion.DEFAULT_K, 0, 10_000),
        weights,
        s.integer("search.candidates", SearchSettings.DEFAULT_CANDIDATES, 1, 10_000),
        legs,
        Duration.ofMillis(s.longValue("search.timeout_ms", SearchSettings.DEFAULT_TIMEOUT.toMillis(), 1, 600_000)));
  }
}
