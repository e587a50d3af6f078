package io.quarry.core.search.fast;

import io.quarry.core.fusion.FusionMethod;
import io.quarry.core.search.DropReason;
import io.quarry.core.search.DroppedLeg;
import io.quarry.core.search.Filters;
import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.leg.Bm25Leg;
import io.quarry.core.search.leg.LegInput;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.search.leg.VectorLeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.IndexSettings;
import io.quarry.core.index.Indexer;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.testing.HashingEncoder;
import io.quarry.core.testing.TestCorpus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastSearchTest {

  @TempDir Path dir;
  private final HashingEncoder encoder = new HashingEncoder();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private QuarryIndex index;
  private FastSearch pipeline;

  private static SearchSettings settings(FusionMethod fusion, Duration timeout) {
    return new SearchSettings(fusion, 60, Map.of("bm25", 1.0, "vector", 1.0, "slow", 1.0), 100,
        Set.of("bm25", "vector", "slow"), timeout);
  }

  @BeforeEach
  void setUp() throws Exception {
    index = QuarryIndex.open(dir, IndexSettings.DEFAULT, encoder.modelId(), encoder.dimension());
    index.awaitVisible(new Indexer(index, encoder).index(TestCorpus.documents()).sequence());
    pipeline = new FastSearch(index, encoder, List.of(new Bm25Leg(), new VectorLeg()),
        settings(FusionMethod.RRF, Duration.ofSeconds(5)), executor);
  }

  @AfterEach
  void tearDown() throws Exception {
    index.close();
    executor.shutdownNow();
  }

  private static List<String> ids(SearchResponse r) {
    return r.hits().stream().map(Hit::id).toList();
  }

  private SearchResponse search(String q, Filters f) {
    return pipeline.search(SearchRequest.of(q, 10, SearchMode.FAST).withFilters(f));
  }

  @Test
  void should_fuse_both_legs_and_report_per_leg_ranks() {
    SearchResponse r = search("aspirin heart attack risk", Filters.NONE);
    assertEquals("d1", r.hits().get(0).id());
    Hit top = r.hits().get(0);
    assertEquals(1, top.legs().get("bm25").rank());
    assertTrue(top.legs().containsKey("vector"));
    assertEquals(SearchMode.FAST, r.mode());
    assertFalse(r.partial());
    assertTrue(r.dropped().isEmpty());
    assertTrue(r.timingsMs().keySet().containsAll(List.of("embed", "bm25", "vector", "fuse", "hydrate", "total")));
    assertEquals("total", List.copyOf(r.timingsMs().keySet()).get(r.timingsMs().size() - 1));
  }

  @Test
  void should_return_document_fields_and_best_passage() {
    Hit top = search("vitamin calcium bones", Filters.NONE).hits().get(0);
    assertEquals("d3", top.id());
    assertEquals("Vitamin D and bone health", top.title());
    assertEquals("2023-01-10", top.date().toString());
    assertEquals("news", top.source());
    assertEquals("https://example.org/d3", top.url());
    assertTrue(top.text().startsWith("Vitamin D helps"), top.text());
  }

  @Test
  void should_run_only_requested_legs_and_name_the_others() {
    SearchResponse r = pipeline.search(SearchRequest.of("aspirin", 10, SearchMode.FAST).withLegs(Set.of("bm25")));
    assertEquals(List.of(new DroppedLeg("vector", DropReason.NOT_REQUESTED)), r.dropped());
    assertFalse(r.partial());
    r.hits().forEach(h -> assertEquals(Set.of("bm25"), h.legs().keySet()));
    assertFalse(r.timingsMs().containsKey("embed"));
  }

  @Test
  void should_filter_by_source_and_facet() {
    assertEquals(Set.of("d3", "d4", "d5"), Set.copyOf(ids(search("aspirin vitamin exercise",
        new Filters(List.of("news"), Map.of(), null, null, null)))));
    assertEquals(List.of("d5"), ids(search("aspirin",
        new Filters(List.of(), Map.of("lang", List.of("de")), null, null, null))));
    assertEquals(Set.of("d1", "d2"), Set.copyOf(ids(search("risk",
        new Filters(List.of(), Map.of("topic", List.of("cardiology", "none")), null, null, null)))));
  }

  @Test
  void should_exclude_undated_and_out_of_range_documents_for_since_until() {
    List<String> got = ids(search("aspirin statins vitamin exercise children",
        new Filters(List.of(), Map.of(), LocalDate.parse("2022-07-15"), LocalDate.parse("2023-01-10"), null)));
    assertEquals(Set.of("d2", "d3"), Set.copyOf(got));
  }

  @Test
  void should_keep_undated_and_drop_future_documents_for_as_of() {
    List<String> got = ids(search("aspirin statins vitamin exercise children",
        new Filters(List.of(), Map.of(), null, null, LocalDate.parse("2022-07-15"))));
    assertEquals(Set.of("d1", "d2", "d4"), Set.copyOf(got));
  }

  @Test
  void should_return_passages_when_asked() {
    SearchRequest req = new SearchRequest("aspirin children", 3, SearchMode.FAST, Filters.NONE,
        Set.of(), false, true);
    SearchResponse r = pipeline.search(req);
    assertEquals("d5", r.hits().get(0).id());
    assertEquals(0, r.hits().get(0).passage());
  }

  @Test
  void should_drop_a_slow_leg_and_mark_partial_when_the_deadline_passes() {
    RetrievalLeg slow = lexical("slow", input -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new RankedList("slow", List.of());
    });
    FastSearch p = new FastSearch(index, encoder, List.of(new Bm25Leg(), slow),
        settings(FusionMethod.RRF, Duration.ofMillis(300)), executor);
    long t = System.nanoTime();
    SearchResponse r = p.search(SearchRequest.of("aspirin", 10, SearchMode.FAST));
    long tookMs = (System.nanoTime() - t) / 1_000_000;
    assertTrue(tookMs < 3_000, "took " + tookMs + " ms");
    assertTrue(r.partial());
    // hydration after the deadline may be cut short on a busy machine and say so (see below)
    assertEquals(List.of(DroppedLeg.timeout("slow", "deadline")),
        r.dropped().stream().filter(d -> !d.leg().equals("hydrate")).toList(), r.dropped().toString());
    assertEquals("d1", r.hits().get(0).id());
  }

  @Test
  void should_fuse_by_normalised_scores_when_configured() {
    FastSearch p = new FastSearch(index, encoder, List.of(new Bm25Leg(), new VectorLeg()),
        settings(FusionMethod.SCORE, Duration.ofSeconds(5)), executor);
    SearchResponse r = p.search(SearchRequest.of("statins cholesterol", 10, SearchMode.FAST));
    assertEquals("d2", r.hits().get(0).id());
    assertTrue(r.hits().get(0).score() <= 2.0 && r.hits().get(0).score() > 1.0);
  }

  @Test
  void should_return_nothing_but_not_fail_for_a_query_of_stop_words() {
    SearchResponse r = pipeline.search(SearchRequest.of("the of and", 10, SearchMode.FAST).withLegs(Set.of("bm25")));
    assertTrue(r.hits().isEmpty());
  }

  @Test
  void should_cancel_a_late_leg_so_it_stops_working() throws Exception {
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    RetrievalLeg busy = lexical("slow", input -> {
      // a CPU loop that only its cancel flag reaches, as Lucene's QueryTimeout is reached
      while (!input.cancellation().isCancelled()) {
        Thread.onSpinWait();
      }
      stopped.countDown();
      input.checkCancelled();
      return new RankedList("slow", List.of());
    });
    FastSearch p = new FastSearch(index, encoder, List.of(new Bm25Leg(), busy),
        settings(FusionMethod.SCORE, Duration.ofMillis(100)), executor);
    SearchResponse r = p.search(SearchRequest.of("aspirin", 10, SearchMode.FAST));
    // the slow leg used the whole budget, so on a busy machine hydration may find no time left
    // either and say so: that is the budget working, not what this test is about
    assertEquals(List.of(DroppedLeg.timeout("slow", "deadline")),
        r.dropped().stream().filter(d -> !d.leg().equals("hydrate")).toList(), r.dropped().toString());
    assertTrue(stopped.await(3, java.util.concurrent.TimeUnit.SECONDS), "the late leg was never cancelled");
  }

  @Test
  void should_stop_a_real_bm25_leg_through_its_query_timeout() throws Exception {
    io.quarry.core.dag.Cancellation cancelled = new io.quarry.core.dag.Cancellation();
    cancelled.cancel();
    try (QuarryIndex.Snapshot s = index.acquire()) {
      LegInput in = new LegInput(s, index, "aspirin heart attack", null, Filters.NONE, false, 10, cancelled);
      // the searcher's QueryTimeout is the flag: Lucene collects nothing, and the leg says why
      assertEquals(0, in.searcher().search(new org.apache.lucene.search.MatchAllDocsQuery(), 10).scoreDocs.length);
      assertThrows(java.util.concurrent.CancellationException.class, () -> new Bm25Leg().search(in));
    }
  }

  /** A leg that needs no vector and searches with {@code body}. */
  private static RetrievalLeg lexical(String name, java.util.function.Function<LegInput, RankedList> body) {
    return new RetrievalLeg() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean needsQueryVector() {
        return false;
      }

      @Override
      public RankedList search(LegInput input) {
        return body.apply(input);
      }
    };
  }
}
