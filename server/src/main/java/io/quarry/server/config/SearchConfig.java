package io.quarry.server.config;

import io.quarry.core.fusion.FusionMethod;
import io.quarry.core.fusion.ReciprocalRankFusion;
import io.quarry.core.search.leg.Bm25Leg;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.leg.VectorLeg;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads the {@code search.*} keys into search-core's {@link SearchSettings}. */
final class SearchConfig {

  /** Every leg the fast path knows, in fusion order. */
  static final String[] LEGS = {Bm25Leg.NAME, VectorLeg.NAME};

  private SearchConfig() {}

  /**
   * @param extraLegs the names of the legs the engine builds besides the built-in ones: each gets
   *     its {@code search.legs.<leg>} flag and {@code search.weights.<leg>} weight too
   */
  static SearchSettings from(Settings s, Collection<String> extraLegs) {
    Map<String, Double> weights = new LinkedHashMap<>();
    Set<String> legs = new LinkedHashSet<>();
    Set<String> all = new LinkedHashSet<>(List.of(LEGS));
    all.addAll(extraLegs);
    for (String leg : all) {
      weights.put(leg, s.number("search.weights." + leg,
          SearchSettings.DEFAULT_WEIGHTS.getOrDefault(leg, SearchSettings.DEFAULT_LEG_WEIGHT), 0, 1000));
      if (s.bool("search.legs." + leg, true)) {
        legs.add(leg);
      }
    }
    return new SearchSettings(
        s.parsed("search.fusion", SearchSettings.DEFAULT_FUSION.wireName(), FusionMethod::parse),
        s.integer("search.rrf.k", ReciprocalRankFusion.DEFAULT_K, 0, 10_000),
        weights,
        s.integer("search.candidates", SearchSettings.DEFAULT_CANDIDATES, 1, 10_000),
        legs,
        Duration.ofMillis(s.longValue("search.timeout_ms", SearchSettings.DEFAULT_TIMEOUT.toMillis(), 1, 600_000)));
  }
}
