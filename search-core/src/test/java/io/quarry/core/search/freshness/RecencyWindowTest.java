package io.quarry.core.search.freshness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarry.core.index.IndexSettings;
import io.quarry.core.index.Indexer;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.Filters;
import io.quarry.core.testing.HashingEncoder;
import io.quarry.core.testing.TestCorpus;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecencyWindowTest {

  @TempDir Path dir;

  @Test
  void should_double_the_window_then_try_the_maximum_itself() {
    assertEquals(List.of(14, 28, 56, 112, 224, 448, 896, 1792, 3584, 3650), RecencyWindow.steps(14, 3650));
    assertEquals(List.of(14), RecencyWindow.steps(14, 14));
    assertEquals(List.of(14, 20), RecencyWindow.steps(14, 20));
  }

  private static FreshnessSettings settings(int maxWindowDays, int minHits) {
    FreshnessSettings d = FreshnessSettings.DEFAULT;
    return new FreshnessSettings(d.strategy(), 14, maxWindowDays, minHits, d.halfLifeDays(),
        d.recentWeight(), d.undated(), true, true);
  }

  @Test
  void should_widen_to_the_maximum_then_to_all_time() throws Exception {
    HashingEncoder encoder = new HashingEncoder();
    try (QuarryIndex index = QuarryIndex.open(dir, IndexSettings.DEFAULT, encoder.modelId(), encoder.dimension())) {
      index.awaitVisible(new Indexer(index, encoder).index(TestCorpus.documents()).sequence());
      LocalDate asOf = LocalDate.of(2023, 7, 1);
      try (QuarryIndex.Snapshot s = index.acquire()) {
        // "aspirin": d5 (2023-06-20) is 12 days back, d1 (2021-03-01) 853 days back
        RecencyWindow one = RecencyWindow.widened(index, s, "aspirin", Filters.NONE, asOf, 14, settings(3650, 1), () -> false);
        assertEquals(14, one.days());
        RecencyWindow two = RecencyWindow.widened(index, s, "aspirin", Filters.NONE, asOf, 14, settings(3650, 2), () -> false);
        assertEquals(896, two.days());
        // a maximum of 870 days is tried itself after 448: 853 days back fits
        RecencyWindow capped = RecencyWindow.widened(index, s, "aspirin", Filters.NONE, asOf, 14, settings(870, 2), () -> false);
        assertEquals(870, capped.days());
        // three matches never fit: all time, the request's own filters
        RecencyWindow all = RecencyWindow.widened(index, s, "aspirin", Filters.NONE, asOf, 14, settings(870, 3), () -> false);
        assertEquals(0, all.days());
        assertEquals(Filters.NONE, all.filters());
      }
    }
  }

  @Test
  void should_stop_seeking_when_the_budget_is_spent() throws Exception {
    HashingEncoder encoder = new HashingEncoder();
    try (QuarryIndex index = QuarryIndex.open(dir, IndexSettings.DEFAULT, encoder.modelId(), encoder.dimension())) {
      index.awaitVisible(new Indexer(index, encoder).index(TestCorpus.documents()).sequence());
      try (QuarryIndex.Snapshot s = index.acquire()) {
        assertNull(RecencyWindow.widened(index, s, "aspirin", Filters.NONE, LocalDate.of(2023, 7, 1), 14,
            settings(3650, 100), () -> true));
      }
    }
  }
}
