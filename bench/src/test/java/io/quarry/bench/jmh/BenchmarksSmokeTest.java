package io.quarry.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.Fixtures;
import io.quarry.embeddings.EmbeddingModels;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each JMH benchmark over a real index, run without the harness: its {@code @Setup} (which checks
 * its own result) and one invocation, over the fixture's {@code facts} set, so a benchmark that no
 * longer sets up or answers fails here rather than in someone's JMH run. The index is built once
 * (by the first test to need it) and reused by the rest. Nothing here is timed.
 */
class BenchmarksSmokeTest {

  @TempDir
  static Path work;

  private static CorpusIndex.Source fixture() throws IOException {
    return new CorpusIndex.Source(Fixtures.suite(), "facts", work, CorpusIndex.DEFAULT_QUERIES);
  }

  @Test
  void should_set_up_and_search_when_bm25_benchmark_runs_on_the_fixture() throws IOException {
    Bm25Benchmark b = new Bm25Benchmark();
    b.candidates = 10;
    b.setUp(fixture());
    try {
      assertTrue(b.search().size() > 0); // "alpha question" finds f1 and f3
    } finally {
      b.tearDown();
    }
  }

  @Test
  void should_set_up_and_search_when_vector_benchmark_runs_on_the_fixture() throws IOException {
    VectorBenchmark b = new VectorBenchmark();
    b.candidates = 10;
    b.setUp(fixture());
    try {
      assertEquals(4, b.search().size()); // every document has a vector
    } finally {
      b.tearDown();
    }
  }

  @Test
  void should_embed_when_query_embedding_benchmark_runs_on_the_fixture() throws IOException {
    QueryEmbeddingBenchmark b = new QueryEmbeddingBenchmark();
    b.model = EmbeddingModels.DEFAULT_MODEL;
    b.setUp(fixture());
    try {
      assertEquals(384, b.encodeQuery().length);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void should_hydrate_every_hit_when_hydration_benchmark_runs_on_the_fixture() throws IOException {
    for (String legs : new String[] {"bm25", "fast"}) {
      HydrationBenchmark b = new HydrationBenchmark();
      b.k = 2;
      b.legs = legs;
      b.setUp(fixture());
      try {
        assertEquals(2, b.hydrate().hits().size(), legs);
      } finally {
        b.tearDown();
      }
    }
  }

  @Test
  void should_walk_when_pagerank_benchmark_runs_on_the_fixture() throws IOException {
    PageRankBenchmark b = new PageRankBenchmark();
    b.maxNodes = 5000;
    b.setUp(fixture());
    double[] rank = b.pageRank();
    assertEquals(1.0, java.util.Arrays.stream(rank).sum(), 1e-9);
  }

  @Test
  void should_say_which_property_to_set_when_the_suite_is_missing() {
    CorpusIndex.Source missing = new CorpusIndex.Source(work.resolve("nowhere/suite.json"), "scifact", work, 10);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Bm25Benchmark().setUp(missing));
    assertTrue(e.getMessage().contains("-Dquarry.bench.suite"), e.getMessage());
  }
}
