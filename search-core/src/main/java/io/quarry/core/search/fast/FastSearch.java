package io.quarry.core.search.fast;

import io.quarry.core.search.DroppedLeg;
import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.freshness.FreshnessLeg;
import io.quarry.core.search.freshness.FreshnessSettings;
import io.quarry.core.search.freshness.RecencyDecay;
import io.quarry.core.search.freshness.RecencyWindow;
import io.quarry.core.search.freshness.TemporalPlan;
import io.quarry.core.search.leg.FilterQueries;
import io.quarry.core.search.leg.Hydrator;
import io.quarry.core.search.leg.LegInput;
import io.quarry.core.search.leg.QueryTerms;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.time.FreshnessStrategy;
import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.fusion.ReciprocalRankFusion;
import io.quarry.core.fusion.ScoreFusion;
import io.quarry.core.index.Fields;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.spi.QueryEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast search path. {@link #search} is five steps:
 *
 * <ol>
 *   <li><b>Plan</b>: the legs that run: those the configuration enables, narrowed by the
 *       request.
 *   <li><b>Encode</b> the query, only when a vector leg runs, inside that leg's task so lexical
 *       legs run meanwhile.
 *   <li><b>Run the legs</b> in parallel on one index snapshot, under one deadline; a leg not done
 *       in time is dropped and the response marked partial, never waited for.
 *   <li><b>Fuse</b> the lists (RRF or normalised scores) and keep the top k.
 *   <li><b>Hydrate</b> the top k with stored fields and each hit's best passage.
 * </ol>
 *
 * <p>Every response carries per-stage timings, each hit's per-leg rank and raw score, and the
 * legs that were dropped with the reason.
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class FastSearch {

  private static final Logger LOG = LoggerFactory.getLogger(FastSearch.class);

  private final QuarryIndex index;
  private final QueryEncoder encoder;
  private final List<RetrievalLeg> legs;
  private final SearchSettings settings;
  private final Fusion fusion;
  /** How the legs' lists combine without the freshness leg (also inside it). */
  private final Fusion combine;
  private final FreshnessSettings freshness;
  private final ExecutorService executor;

  /**
   * @param index the index to search
   * @param encoder the query encoder; null when the index has no vectors
   * @param legs every leg this engine knows, in fusion order
   * @param settings search configuration
   * @param freshness freshness configuration (the recent pass's weight, window, decay)
   * @param executor runs legs; its threads may block on Lucene I/O
   */
  public FastSearch(QuarryIndex index, QueryEncoder encoder, List<RetrievalLeg> legs,
      SearchSettings settings, FreshnessSettings freshness, ExecutorService executor) {
    this.index = index;
    this.encoder = encoder;
    this.legs = List.copyOf(legs);
    this.settings = settings;
    this.freshness = freshness;
    this.executor = executor;
    this.combine = fusion(settings, settings.weights());
    Map<String, Double> weights = new java.util.HashMap<>(settings.weights());
    weights.putIfAbsent(FreshnessLeg.NAME, freshness.recentWeight());
    this.fusion = fusion(settings, weights);
  }

  /** A pipeline with the default freshness settings. */
  public FastSearch(QuarryIndex index, QueryEncoder encoder, List<RetrievalLeg> legs,
      SearchSettings settings, ExecutorService executor) {
    this(index, encoder, legs, settings, FreshnessSettings.DEFAULT, executor);
  }

  static Fusion fusion(SearchSettings settings, Map<String, Double> weights) {
    return switch (settings.fusion()) {
      case RRF -> new ReciprocalRankFusion(settings.rrfK(), weights);
      case SCORE -> new ScoreFusion(weights);
    };
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
    long start = System.nanoTime();
    SearchRequest request = asked;
    Map<String, Double> timings = new ConcurrentHashMap<>();
    // 1. plan (the mode was resolved by the caller: this is the fast path whatever it says)
    List<DroppedLeg> dropped = new ArrayList<>();
    List<RetrievalLeg> running = new ArrayList<>();
    for (RetrievalLeg leg : legs) {
      String why = whyNot(leg, request);
      if (why == null) {
        running.add(leg);
      } else {
        dropped.add(new DroppedLeg(leg.name(), why));
      }
    }
    int candidates = Math.max(settings.candidates(), request.k());
    try (QuarryIndex.Snapshot snapshot = index.acquire()) {
      TemporalPlan time = planned.onIndex(snapshot.searcher().getIndexReader(), asked.query());
      request = time.apply(asked, snapshot.searcher().getIndexReader());
      // 1b. freshness: a narrower window for every leg, or a recent pass beside them
      Integer windowDays = null;
      switch (time.strategy()) {
        case VECTOR_DATE_FILTER -> {
          long t = System.nanoTime();
          RecencyWindow w = RecencyWindow.widened(index, snapshot, request.query(), request.filters(),
              time.anchor(), time.windowDays(), freshness);
          request = request.withFilters(w.filters());
          windowDays = w.days() == 0 ? null : w.days();
          timings.put("window", ms(t));
        }
        case DUAL_PASS -> {
          if (!running.isEmpty()) {
            RecencyWindow w = RecencyWindow.of(request.filters(), time.anchor(), time.windowDays());
            running.add(new FreshnessLeg(List.copyOf(running), combine, w));
            windowDays = w.days();
          }
        }
        default -> { }
      }
      // 2 + 3. encode (once, beside the lexical legs) and run legs under one deadline
      List<RankedList> lists = runLegs(request, running, snapshot, candidates, start, timings, dropped);
      // 4. fuse (and decay: over every candidate, so an older top hit can give way to a newer one)
      long t = System.nanoTime();
      boolean decay = time.strategy() == FreshnessStrategy.RECENCY_DECAY;
      List<FusedHit> fused = fusion.fuse(lists, decay ? Math.max(candidates, request.k()) : request.k());
      if (decay) {
        fused = RecencyDecay.apply(snapshot, fused, time.anchor(), freshness.halfLifeDays(), request.k());
      }
      timings.put("fuse", ms(t));
      // 5. hydrate
      t = System.nanoTime();
      QueryTerms passageTerms = QueryTerms.analyze(index.analyzer(), Fields.PASSAGE, request.query());
      List<Hit> hits = Hydrator.hydrate(index, snapshot, fused, request.passages(), passageTerms);
      timings.put("hydrate", ms(t));
      timings.put("total", ms(start));
      boolean partial = dropped.stream().anyMatch(d -> !d.reason().equals(DISABLED)
          && !d.reason().equals(NOT_REQUESTED));
      return new SearchResponse(hits, SearchMode.FAST, partial, dropped, ordered(timings),
          time.shown(asked.filters()), request.explain() ? explain(request, lists, candidates) : Map.of(),
          null, time.report(windowDays));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static final String DISABLED = "disabled";
  public static final String NOT_REQUESTED = "not requested";

  private String whyNot(RetrievalLeg leg, SearchRequest request) {
    if (!settings.legs().contains(leg.name()) || (leg.needsQueryVector() && encoder == null)) {
      return DISABLED;
    }
    return request.allows(leg.name()) ? null : NOT_REQUESTED;
  }

  private List<RankedList> runLegs(SearchRequest request, List<RetrievalLeg> running,
      QuarryIndex.Snapshot snapshot, int candidates, long start, Map<String, Double> timings,
      List<DroppedLeg> dropped) {
    List<Future<RankedList>> futures = new ArrayList<>(running.size());
    // one embedding however many legs need it; lexical legs run meanwhile
    Future<float[]> embedding = running.stream().anyMatch(RetrievalLeg::needsQueryVector)
        ? executor.submit(() -> {
          long t = System.nanoTime();
          float[] v = encoder.encodeQuery(request.query());
          timings.put("embed", ms(t));
          return v;
        })
        : null;
    for (RetrievalLeg leg : running) {
      futures.add(executor.submit(() -> {
        float[] vector = leg.needsQueryVector() ? embedding.get() : null;
        long t = System.nanoTime();
        RankedList list = leg.search(new LegInput(snapshot, index, request.query(), vector,
            request.filters(), request.passages(), candidates));
        timings.put(leg.name(), ms(t));
        return list;
      }));
    }
    long deadline = start + settings.timeout().toNanos();
    List<RankedList> lists = new ArrayList<>(running.size());
    for (int i = 0; i < running.size(); i++) {
      String name = running.get(i).name();
      Future<RankedList> f = futures.get(i);
      try {
        lists.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        f.cancel(true);
        dropped.add(new DroppedLeg(name, "timeout"));
      } catch (ExecutionException e) {
        LOG.warn("leg {} failed for query '{}'", name, request.query(), e.getCause());
        dropped.add(new DroppedLeg(name, "error"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new IllegalStateException("search interrupted", e);
      }
    }
    if (embedding != null) {
      embedding.cancel(true); // done by now, unless every vector leg was dropped
    }
    return lists;
  }

  private Map<String, Object> explain(SearchRequest r, List<RankedList> lists, int candidates) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean recentPass = lists.stream().anyMatch(l -> l.leg().equals(FreshnessLeg.NAME));
    out.put("fusion", (recentPass ? fusion : combine).describe());
    out.put("candidates_per_leg", candidates);
    out.put("query_terms", QueryTerms.analyze(index.analyzer(), Fields.CONTENTS, r.query()).counts());
    Map<String, Integer> sizes = new LinkedHashMap<>();
    lists.forEach(l -> sizes.put(l.leg(), l.size()));
    out.put("leg_sizes", sizes);
    out.put("filter", (r.passages() ? FilterQueries.passages(r.filters())
        : FilterQueries.documents(r.filters())).toString());
    return out;
  }

  private static final List<String> STAGE_ORDER =
      List.of("window", "embed", "bm25", "vector", FreshnessLeg.NAME, "fuse", "hydrate");

  /** Timings in pipeline order, then any other stage alphabetically, then the total. */
  private static Map<String, Double> ordered(Map<String, Double> timings) {
    Map<String, Double> out = new LinkedHashMap<>();
    STAGE_ORDER.forEach(s -> {
      if (timings.containsKey(s)) {
        out.put(s, timings.get(s));
      }
    });
    new java.util.TreeMap<>(timings).forEach((k, v) -> {
      if (!k.equals("total")) {
        out.putIfAbsent(k, v);
      }
    });
    out.put("total", timings.get("total"));
    return out;
  }

  private static double ms(long since) {
    return Math.round((System.nanoTime() - since) / 1e4) / 100.0;
  }
}
