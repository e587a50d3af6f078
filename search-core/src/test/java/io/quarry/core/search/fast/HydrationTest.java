package io.quarry.core.search.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.core.document.ChunkerConfig;
import io.quarry.core.document.Document;
import io.quarry.core.fusion.FusionMethod;
import io.quarry.core.index.IndexSettings;
import io.quarry.core.index.Indexer;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.index.VectorFormat;
import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.leg.Bm25Leg;
import io.quarry.core.testing.HashingEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hydration picks, for every whole-document BM25 hit, the passage that matches the query best,
 * however many hits there are and in whatever order they rank (the selector visits them in doc
 * id order, in one forward pass per segment).
 */
class HydrationTest {

  @TempDir Path dir;
  private final HashingEncoder encoder = new HashingEncoder();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private QuarryIndex index;

  @AfterEach
  void tearDown() throws Exception {
    index.close();
    executor.shutdownNow();
  }

  @Test
  void should_show_each_hits_best_passage_whatever_the_rank_order() throws Exception {
    // 10-word passages; document i mentions "zebra" only in passage (i % 4), and i times more
    // often there, so the ranking (by count) runs against the doc id order.
    IndexSettings settings = new IndexSettings(IndexSettings.DEFAULT_BM25_K1, IndexSettings.DEFAULT_BM25_B,
        new ChunkerConfig(10, 0), false, VectorFormat.FLOAT32, 16, 100, 0, true);
    index = QuarryIndex.open(dir, settings, encoder.modelId(), encoder.dimension());
    List<Document> docs = new ArrayList<>();
    Map<String, Integer> expected = new TreeMap<>();
    for (int i = 1; i <= 30; i++) {
      StringBuilder text = new StringBuilder();
      for (int p = 0; p < 4; p++) {
        List<String> words = new ArrayList<>();
        int zebras = p == i % 4 ? Math.min(1 + i / 4, 9) : 0;
        for (int w = 0; w < 10; w++) {
          words.add(w < zebras ? "zebra" : "filler" + w);
        }
        text.append(String.join(" ", words)).append(". ");
      }
      docs.add(Document.of("doc" + i, "title " + i, text.toString()));
      expected.put("doc" + i, i % 4);
    }
    index.awaitVisible(new Indexer(index, null).index(docs).sequence());
    FastSearch search = new FastSearch(index, null, List.of(new Bm25Leg()),
        new SearchSettings(FusionMethod.RRF, 60, Map.of("bm25", 1.0), 100, Set.of("bm25"),
            Duration.ofSeconds(30)), executor);
    List<Hit> hits = search.search(SearchRequest.of("zebra", 100, SearchMode.FAST)).hits();
    assertEquals(30, hits.size());
    Map<String, Integer> got = new TreeMap<>();
    for (Hit h : hits) {
      got.put(h.id(), h.passage());
    }
    assertEquals(expected, got);
  }
}
