package io.quarry.core.search.fast;

import io.quarry.core.dag.Cancellation;
import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.Fields;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.DroppedLeg;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.StageTimings;
import io.quarry.core.search.freshness.FreshnessLeg;
import io.quarry.core.search.freshness.FreshnessSettings;
import io.quarry.core.search.freshness.FreshnessShaping;
import io.quarry.core.search.freshness.TemporalPlan;
import io.quarry.core.search.leg.FilterQueries;
import io.quarry.core.search.leg.FinishingReserve;
import io.quarry.core.search.leg.Hydrator;
import io.quarry.core.search.leg.LegInput;
import io.quarry.core.search.leg.LegSelection;
import io.quarry.core.search.leg.QueryTerms;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.spi.QueryEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast search path. {@link #search} is six steps:
 *
 * <ol>
 *   <li><b>Plan</b>: the legs that run ({@link LegSelection}), and the legs' deadline: the budget
 *       ({@code search.timeout_ms}) less the finishing reserve this path has measured.
 *   <li><b>Shape for time</b> ({@link FreshnessShaping}): the request's text and filters under
 *       the temporal plan, a narrower recent window or a recent pass beside the legs.
 *   <li><b>Run the legs</b> in parallel on one snapshot, the query embedded once beside the
 *       lexical legs. A leg not done by the deadline is cancelled (Lucene stops scoring through
 *       {@code QueryTimeout}) and dropped, never waited for.
 *   <li><b>Fuse</b> the lists (and decay them by age under {@code recency_decay}).
 *   <li><b>Hydrate</b> the top k, or as many as the time left pays for.
 *   <li><b>Report</b>: per-stage timings, each hit's per-leg rank and score, the dropped legs.
 * </ol>
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class FastSearch {

  private static final Logger LOG = LoggerFactory.getLogger(FastSearch.class);

  private final QuarryIndex index;
  private final QueryEncoder encoder;
  private final List<RetrievalLeg> legs;
  private final SearchSettings settings;
  /** How the legs' lists combine: alone, and inside the recent pass. */
  private final Fusion combine;
  /** {@link #combine} with the recent pass weighed too. */
  private final Fusion fusion;
  private final FreshnessSettings freshness;
  private final ExecutorService executor;
  private final FinishingReserve reserve = new FinishingReserve(Duration.ofMillis(5));

  /**
   * @param index the index to search
   * @param encoder the query encoder; null when the index has no vectors
   * @param legs every leg this engine knows, in fusion order; each has a weight in {@code settings}
   * @param settings search configuration
   * @param freshness freshness configuration (the recent pass's weight, window, decay)
   * @param executor runs legs; its threads may block on Lucene I/O
   */
  public FastSearch(QuarryIndex index, QueryEncoder encoder, List<RetrievalLeg> legs,
      SearchSettings settings, FreshnessSettings freshness, ExecutorService executor) {
    settings.requireWeights(legs.stream().map(RetrievalLeg::name).toList());
    this.index = index;
    this.encoder = encoder;
    this.legs = List.copyOf(legs);
    this.settings = settings;
    this.freshness = freshness;
    this.executor = executor;
    this.combine = settings.combine(legs.stream().map(RetrievalLeg::name).toList());
    this.fusion = settings.combine(legs.stream().map(RetrievalLeg::name).toList(),
        Map.of(FreshnessLeg.NAME, freshness.recentWeight()));
  }

  /** A pipeline with the default freshness settings. */
  public FastSearch(QuarryIndex index, QueryEncoder encoder, List<RetrievalLeg> legs,
      SearchSettings settings, ExecutorService executor) {
    this(index, encoder, legs, settings, FreshnessSettings.DEFAULT, executor);
  }

  /** The names of the legs this path runs. */
  public java.util.Set<String> legNames() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    legs.forEach(l -> out.add(l.name()));
    return out;
  }

  public SearchSettings settings() {
    return settings;
  }

  /** Runs one search on the fast path, with the request's text and filters as they are. */
  public SearchResponse search(SearchRequest request) {
    return search(request, TemporalPlan.none(request));
  }

  /**
   * Runs one search on the fast path under a temporal plan: the plan's text and filters, and its
   * freshness strategy.
   */
  public SearchResponse search(SearchRequest asked, TemporalPlan planned) {
    StageTimings timings = new StageTimings();
    // 1. plan (the mode was resolved by the caller: this is the fast path whatever it says)
    long end = System.nanoTime() + settings.timeout().toNanos();
    long legDeadline = end - reserve.nanos(settings.timeout(), asked.k());
    LegSelection selection = LegSelection.of(legs, settings.legs(), encoder != null, asked);
    List<DroppedLeg> dropped = new ArrayList<>(selection.dropped());
    try (QuarryIndex.Snapshot snapshot = index.acquire()) {
      // 2. time: the plan's text and filters, a recent window or a recent pass
      FreshnessShaping time = timings.time(WINDOW, () -> FreshnessShaping.shape(planned, asked, index,
          snapshot, selection.running(), combine, freshness, () -> System.nanoTime() > legDeadline));
      SearchRequest request = time.request();
      dropped.addAll(time.dropped());
      // 3. encode (once, beside the lexical legs) and run the legs until the deadline
      List<RankedList> lists = runLegs(request, withRecentPass(selection, time), snapshot, legDeadline, timings, dropped);
      // 4. fuse (and decay)
      long merge = System.nanoTime();
      int k = request.k();
      List<FusedHit> fused = timings.time("fuse",
          () -> time.finish(snapshot, fusion.fuse(lists, time.fuseLimit(k, candidates(request))), k));
      reserve.observeMerge(System.nanoTime() - merge);
      // 5. hydrate what the time left pays for
      Hydrator.Hydrated hydrated = timings.time("hydrate",
          () -> Hydrator.within(index, snapshot, fused, request.passages(), request.query(), reserve, end));
      if (hydrated.dropped() != null) {
        dropped.add(hydrated.dropped());
      }
      // 6. report
      return new SearchResponse(hydrated.hits(), SearchMode.FAST, dropped, timings.ordered(STAGE_ORDER),
          time.shown(asked.filters()), request.explain() ? explain(request, lists) : Map.of(), null,
          time.report());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The running legs, and the recent pass beside them when the strategy has one. */
  private static List<RetrievalLeg> withRecentPass(LegSelection selection, FreshnessShaping time) {
    List<RetrievalLeg> running = new ArrayList<>(selection.running());
    if (time.recentPass() != null) {
      running.add(time.recentPass());
    }
    return running;
  }

  private int candidates(SearchRequest request) {
    return Math.max(settings.candidates(), request.k());
  }

  private List<RankedList> runLegs(SearchRequest request, List<RetrievalLeg> running,
      QuarryIndex.Snapshot snapshot, long deadline, StageTimings timings, List<DroppedLeg> dropped) {
    int candidates = candidates(request);
    // one embedding however many legs need it; lexical legs run meanwhile
    Future<float[]> embedding = running.stream().anyMatch(RetrievalLeg::needsQueryVector)
        ? executor.submit(() -> timings.time("embed", () -> encoder.encodeQuery(request.query())))
        : null;
    // The last leg that needs no query vector and stops when cancelled runs on this thread: a
    // bm25-only query then makes no thread hand-off at all, and a fused one makes one fewer (each
    // costs a wake-up, and far more than that on a busy machine). Its deadline is in its own
    // cancel flag, which Lucene polls.
    int inline = -1;
    for (int i = running.size() - 1; i >= 0 && inline < 0; i--) {
      if (!running.get(i).needsQueryVector() && running.get(i).stopsWhenCancelled()) {
        inline = i;
      }
    }
    List<Future<RankedList>> futures = new ArrayList<>(running.size());
    List<Cancellation> cancels = new ArrayList<>(running.size());
    for (int i = 0; i < running.size(); i++) {
      RetrievalLeg leg = running.get(i);
      Cancellation cancel = i == inline ? Cancellation.until(deadline) : new Cancellation();
      cancels.add(cancel);
      futures.add(i == inline ? null : executor.submit(() -> {
        float[] vector = leg.needsQueryVector() ? embedded(embedding) : null;
        return timings.time(leg.name(), () -> leg.search(new LegInput(snapshot, index, request.query(),
            vector, request.filters(), request.passages(), candidates, cancel)));
      }));
    }
    RankedList inlineList = null;
    Exception inlineFailure = null;
    if (inline >= 0) {
      RetrievalLeg leg = running.get(inline);
      Cancellation cancel = cancels.get(inline);
      try {
        inlineList = timings.time(leg.name(), () -> leg.search(new LegInput(snapshot, index,
            request.query(), null, request.filters(), request.passages(), candidates, cancel)));
      } catch (Exception e) {
        inlineFailure = e;
      }
    }
    List<RankedList> lists = new ArrayList<>(running.size());
    for (int i = 0; i < running.size(); i++) {
      String name = running.get(i).name();
      if (i == inline) {
        if (inlineList != null) {
          lists.add(inlineList);
        } else if (inlineFailure instanceof java.util.concurrent.CancellationException) {
          dropped.add(DroppedLeg.timeout(name, "deadline"));
        } else {
          LOG.warn("leg {} failed for query '{}'", name, request.query(), inlineFailure);
          dropped.add(DroppedLeg.failed(name, inlineFailure));
        }
        continue;
      }
      Future<RankedList> f = futures.get(i);
      try {
        lists.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        // The flag stops a Lucene leg through its QueryTimeout, so it frees its core for the next
        // query. The interrupt reaches a leg blocked on the embedding or on I/O, and is safe for
        // the index: QuarryIndex reads through MMapDirectory, whose reads are memory accesses
        // (an interrupt would close NIOFSDirectory's shared FileChannel for every reader).
        cancels.get(i).cancel();
        f.cancel(true);
        dropped.add(DroppedLeg.timeout(name, "deadline"));
      } catch (ExecutionException e) {
        LOG.warn("leg {} failed for query '{}'", name, request.query(), e.getCause());
        dropped.add(DroppedLeg.failed(name, e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancels.forEach(Cancellation::cancel);
        futures.forEach(x -> {
          if (x != null) {
            x.cancel(true);
          }
        });
        throw new IllegalStateException("search interrupted", e);
      }
    }
    if (embedding != null) {
      embedding.cancel(true); // done by now, unless every vector leg was dropped: stop the model run
    }
    return lists;
  }

  /** The query vector, or the embedding's own failure (a timeout stays a timeout). */
  private static float[] embedded(Future<float[]> embedding) throws Exception {
    try {
      return embedding.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }

  private Map<String, Object> explain(SearchRequest r, List<RankedList> lists) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean recentPass = lists.stream().anyMatch(l -> l.leg().equals(FreshnessLeg.NAME));
    out.put("fusion", (recentPass ? fusion : combine).describe());
    out.put("candidates_per_leg", candidates(r));
    out.put("query_terms", QueryTerms.analyze(index.analyzer(), Fields.CONTENTS, r.query()).counts());
    Map<String, Integer> sizes = new LinkedHashMap<>();
    lists.forEach(l -> sizes.put(l.leg(), l.size()));
    out.put("leg_sizes", sizes);
    out.put("filter", (r.passages() ? FilterQueries.passages(r.filters())
        : FilterQueries.documents(r.filters())).toString());
    out.put("finishing_reserve", reserve.describe(settings.timeout(), r.k()));
    return out;
  }

  /** The stage the temporal shaping is timed as (its window counts under vector_date_filter). */
  private static final String WINDOW = "window";

  private static final List<String> STAGE_ORDER =
      List.of(WINDOW, "embed", "bm25", "vector", FreshnessLeg.NAME, "fuse", "hydrate");
}
