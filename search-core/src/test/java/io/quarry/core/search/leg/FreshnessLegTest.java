package io.quarry.core.search.leg;

import io.quarry.core.search.Filters;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.freshness.FreshnessLeg;
import io.quarry.core.search.freshness.RecencyWindow;
import java.time.LocalDate;
import java.util.List;

/** The recent pass keeps the leg contract: ten years up to 2024 hold every dated test document. */
class FreshnessLegTest extends RetrievalLegTestCase {
  @Override
  protected RetrievalLeg newLeg() {
    RecencyWindow window = RecencyWindow.of(Filters.NONE, LocalDate.of(2024, 1, 1), 3650);
    return new FreshnessLeg(List.of(new Bm25Leg(), new VectorLeg()),
        new SearchSettings(SearchSettings.DEFAULT_FUSION, 60, SearchSettings.DEFAULT_WEIGHTS, 100,
            java.util.Set.of("bm25", "vector"), java.time.Duration.ofSeconds(1)).combine(), window);
  }
}
