package io.quarry.core.search.deep;

import io.quarry.core.fusion.LegScore;
import io.quarry.core.search.DeepOptions;
import io.quarry.core.search.DroppedLeg;
import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.fast.FastSearch;
import io.quarry.core.search.freshness.FreshnessLeg;
import io.quarry.core.search.freshness.FreshnessSettings;
import io.quarry.core.search.freshness.RecencyDecay;
import io.quarry.core.search.freshness.RecencyWindow;
import io.quarry.core.search.freshness.TemporalPlan;
import io.quarry.core.search.leg.Hydrator;
import io.quarry.core.search.leg.QueryTerms;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.time.FreshnessStrategy;
import io.quarry.core.dag.DagExecutor;
import io.quarry.core.dag.DagResult;
import io.quarry.core.dag.NodeOutcome;
import io.quarry.core.dag.NodePolicy;
import io.quarry.core.dag.NodeStatus;
import io.quarry.core.dag.NodeTrace;
import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.fusion.ReciprocalRankFusion;
import io.quarry.core.fusion.ScoreFusion;
import io.quarry.core.index.Fields;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.query.QueryVariant;
import io.quarry.core.query.QueryVariants;
import io.quarry.core.query.RouteDecision;
import io.quarry.core.spi.QueryEncoder;
import io.quarry.core.spi.Reranker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deep search path for hard questions. {@link #search} is five steps:
 *
 * <ol>
 *   <li><b>Plan</b>: the request's budget (its own deadline within the configured maximum, else
 *       the default), the query variants, and the legs that may run.
 *   <li><b>Fan out</b>: run the {@link DeepPlan} DAG on the executor: for every variant its
 *       embedding and legs, combined per variant as the fast path combines them, then all
 *       variants and extra legs fused by weighted RRF. Whatever is late at the deadline is
 *       cancelled and left out, never waited for.
 *   <li><b>Rerank</b> the top of the fused list with the cross-encoder, when one is configured
 *       and the budget still pays for it; otherwise keep the fused order and say why.
 *   <li><b>Hydrate</b> the top k, each hit carrying its rank and score in every leg.
 *   <li><b>Report</b>: partial when a leg or the reranker was dropped for time or error, each
 *       named with its reason; the node trace under {@code explain}.
 * </ol>
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class DeepSearch {

  private final QuarryIndex index;
  private final QueryEncoder encoder;
  private final List<RetrievalLeg> legs;
  private final List<RetrievalLeg> extraLegs;
  private final SearchSettings fast;
  private final DeepSettings settings;
  private final DagExecutor executor;
  private final RerankStage rerank;
  private final Fusion combine;
  private final Fusion rrf;
  private final FreshnessSettings freshness;

  /**
   * @param legs legs run over every variant (BM25, vector)
   * @param extraLegs legs run once over the original text and fused as lists of their own
   * @param reranker the cross-encoder, or null for none
   * @param rerankMsPerPair the reranker's cost per pair measured at start-up (seeds the window cap)
   * @param freshness freshness configuration (the recent pass's weight, window, decay)
   */
  public DeepSearch(QuarryIndex index, QueryEncoder encoder, List<RetrievalLeg> legs,
      List<RetrievalLeg> extraLegs, SearchSettings fast, DeepSettings settings, DagExecutor executor,
      Reranker reranker, double rerankMsPerPair, FreshnessSettings freshness) {
    this.freshness = freshness;
    this.index = index;
    this.encoder = encoder;
    this.legs = List.copyOf(legs);
    this.extraLegs = List.copyOf(extraLegs);
    this.fast = fast;
    this.settings = settings;
    this.executor = executor;
    this.rerank = reranker == null ? null : new RerankStage(reranker, settings.rerankWindow(), rerankMsPerPair);
    this.combine = fast.fusion() == SearchSettings.FusionMethod.RRF
        ? new ReciprocalRankFusion(fast.rrfK(), fast.weights()) : new ScoreFusion(fast.weights());
    // The final fusion: the original query's list weighs 1, each variant's list the variant
    // weight, the second hop and extra legs their own weights.
    Map<String, Double> weights = new HashMap<>();
    weights.put(QueryVariant.ORIGINAL, 1.0);
    extraLegs.forEach(l -> weights.put(l.name(), fast.weights().getOrDefault(l.name(), 1.0)));
    weights.put(DeepPlan.HOP2, settings.hop2().weight());
    weights.putIfAbsent(FreshnessLeg.NAME, fast.weights().getOrDefault(FreshnessLeg.NAME, freshness.recentWeight()));
    this.rrf = settings.fusion() == SearchSettings.FusionMethod.RRF
        ? new ReciprocalRankFusion(settings.rrfK(), weights, settings.variantWeight())
        : new ScoreFusion(weights, settings.variantWeight());
  }

  public DeepSettings settings() {
    return settings;
  }

  /** A deep search with the default freshness settings. */
  public DeepSearch(QuarryIndex index, QueryEncoder encoder, List<RetrievalLeg> legs,
      List<RetrievalLeg> extraLegs, SearchSettings fast, DeepSettings settings, DagExecutor executor,
      Reranker reranker, double rerankMsPerPair) {
    this(index, encoder, legs, extraLegs, fast, settings, executor, reranker, rerankMsPerPair,
        FreshnessSettings.DEFAULT);
  }

  /** Runs one deep search, with the request's text and filters as they are. */
  public SearchResponse search(SearchRequest request) {
    return search(request, TemporalPlan.none(request));
  }

  /**
   * Runs one deep search under a temporal plan: the plan's text and filters, and its freshness
   * strategy (a narrower window for every leg, the {@code freshness} leg as a node of the DAG, or
   * a decay inside the final fusion).
   */
  public SearchResponse search(SearchRequest asked, TemporalPlan planned) {
    long start = System.nanoTime();
    SearchRequest request = asked;
    // 1. plan
    Duration budget = budget(request.deep());
    long deadline = start + budget.toNanos();
    boolean variantsOn = !Boolean.FALSE.equals(request.deep().variants()) && settings.maxVariants() > 1;
    List<DroppedLeg> dropped = new ArrayList<>();
    List<RetrievalLeg> running = allowed(legs, request, dropped, true);
    // extra legs are built by the composition root only when their own configuration enables them
    List<RetrievalLeg> runningExtra = allowed(extraLegs, request, dropped, false);
    boolean rerankOn = settings.rerank() && !Boolean.FALSE.equals(request.deep().rerank());
    int candidates = Math.max(settings.candidates(), request.k());
    int fuseLimit = Math.max(request.k(), rerank != null && rerankOn ? settings.rerankWindow() : 0);
    try (QuarryIndex.Snapshot snapshot = index.acquire()) {
      TemporalPlan time = planned.onIndex(snapshot.searcher().getIndexReader(), asked.query());
      request = time.apply(asked, snapshot.searcher().getIndexReader());
      // variants of the text the legs search: its time expressions are already out
      List<QueryVariant> variants = variantsOn
          ? QueryVariants.of(request.query(), settings.maxVariants(), settings.variantKinds())
          : List.of(new QueryVariant(QueryVariant.ORIGINAL, request.query()));
      Integer windowDays = null;
      if (time.strategy() == FreshnessStrategy.VECTOR_DATE_FILTER) {
        RecencyWindow w = RecencyWindow.widened(index, snapshot, request.query(), request.filters(),
            time.anchor(), time.windowDays(), freshness);
        request = request.withFilters(w.filters());
        windowDays = w.days() == 0 ? null : w.days();
      }
      DeepPlan plan = new DeepPlan(index, snapshot, encoder, request, candidates,
          NodePolicy.DEFAULT.withRetries(settings.attempts(), settings.backoff()));
      variants.forEach(v -> plan.addVariant(v, running, combine));
      // The second hop only for questions that look multi-hop: on a plain question or a
      // statement the chain adds noise (measured on SciFact).
      RouteDecision shape = io.quarry.core.query.Router.route(request.query());
      boolean hop2 = settings.hop2().enabled() && variantsOn && !running.isEmpty()
          && shape.deep();
      if (hop2) {
        plan.addHop2(running, combine, settings.hop2());
      }
      runningExtra.forEach(plan::addExtraLeg);
      if (time.strategy() == FreshnessStrategy.DUAL_PASS && !running.isEmpty()) {
        RecencyWindow w = RecencyWindow.of(request.filters(), time.anchor(), time.windowDays());
        plan.addExtraLeg(new FreshnessLeg(running, combine, w));
        windowDays = w.days();
      }
      if (time.strategy() == FreshnessStrategy.RECENCY_DECAY) {
        // decay every fused candidate, so an older top hit can give way to a newer one
        LocalDate anchor = time.anchor();
        plan.addFuse((lists, limit) -> RecencyDecay.apply(snapshot, rrf.fuse(lists, Math.max(limit, candidates)),
            anchor, freshness.halfLifeDays(), limit), fuseLimit);
      } else {
        plan.addFuse(rrf, fuseLimit);
      }
      if (rerank != null && rerankOn) {
        plan.addRerank(rerank, deadline - reserveNanos(budget));
      } else {
        dropped.add(new DroppedLeg(DeepPlan.RERANK, rerank == null ? "no reranker configured" : FastSearch.DISABLED));
      }
      double planMs = ms(start);
      // 2 + 3. fan out, fuse, rerank: all under the deadline, less a reserve for the finishing
      // work (merging, hydrating), which must still fit when late legs were just cancelled.
      long reserve = reserveNanos(budget);
      DagResult run = executor.run(plan.build(),
          Duration.ofNanos(Math.max(0, deadline - reserve - System.nanoTime())));
      List<FusedHit> ranked = finalOrder(run, dropped);
      // 4. hydrate
      long t = System.nanoTime();
      List<FusedHit> top = ranked.size() > request.k() ? ranked.subList(0, request.k()) : ranked;
      QueryTerms terms = QueryTerms.analyze(index.analyzer(), Fields.PASSAGE, request.query());
      List<Hit> hits = withAllLegs(Hydrator.hydrate(index, snapshot, top, request.passages(), terms), run, plan, request.passages());
      double hydrateMs = ms(t);
      // 5. report
      for (Map.Entry<String, String> leg : plan.legNodes.entrySet()) {
        NodeOutcome o = run.outcome(leg.getKey());
        if (!o.status().delivered()) {
          dropped.add(new DroppedLeg(leg.getKey(), reason(o)));
        }
      }
      boolean partial = dropped.stream().anyMatch(d -> d.reason().startsWith("timeout") || d.reason().startsWith("error"));
      Map<String, Object> explain = Map.of();
      if (request.explain()) {
        explain = explain(variants, run);
        explain.put("hop2", hop2 ? "ran: " + shape.reason() : "skipped: " + shape.reason());
      }
      return new SearchResponse(hits, SearchMode.DEEP, partial, dropped,
          timings(run, planMs, hydrateMs, start), time.shown(asked.filters()), explain, null,
          time.report(windowDays));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 5% of the budget, at least 5 ms (GC and JIT pauses on small machines) and at most 50 ms. */
  static long reserveNanos(Duration budget) {
    return Math.min(50_000_000L, Math.max(5_000_000L, budget.toNanos() / 20));
  }

  private Duration budget(DeepOptions options) {
    Duration asked = options.deadline();
    if (asked == null) {
      return settings.deadline();
    }
    if (asked.compareTo(settings.maxDeadline()) > 0) {
      throw new IllegalArgumentException("illegal deadline: " + asked.toMillis()
          + " ms, must be at most " + settings.maxDeadline().toMillis() + " ms");
    }
    return asked;
  }

  private List<RetrievalLeg> allowed(List<RetrievalLeg> candidates, SearchRequest request,
      List<DroppedLeg> dropped, boolean checkConfig) {
    List<RetrievalLeg> out = new ArrayList<>();
    for (RetrievalLeg leg : candidates) {
      if ((checkConfig && !fast.legs().contains(leg.name())) || (leg.needsQueryVector() && encoder == null)) {
        dropped.add(new DroppedLeg(leg.name(), FastSearch.DISABLED));
      } else if (!request.allows(leg.name())) {
        dropped.add(new DroppedLeg(leg.name(), FastSearch.NOT_REQUESTED));
      } else {
        out.add(leg);
      }
    }
    return out;
  }

  /** The reranked order when reranking delivered, else the fused order (reporting why). */
  @SuppressWarnings("unchecked")
  private static List<FusedHit> finalOrder(DagResult run, List<DroppedLeg> dropped) {
    List<FusedHit> fused = run.outcome(DeepPlan.FUSE).output(List.class);
    if (!run.outcomes().containsKey(DeepPlan.RERANK)) {
      return fused;
    }
    NodeOutcome r = run.outcome(DeepPlan.RERANK);
    if (r.status().delivered()) {
      return r.output(List.class);
    }
    dropped.add(new DroppedLeg(DeepPlan.RERANK, reason(r) + "; fused order kept"));
    return fused;
  }

  static String reason(NodeOutcome o) {
    String kind = switch (o.status()) {
      case TIMEOUT -> "timeout";
      case SKIPPED -> o.reason() != null && o.reason().equals("deadline") ? "timeout" : "error";
      default -> "error";
    };
    return o.reason() == null ? kind : kind + " (" + o.reason() + ")";
  }

  /** Gives every hit its rank and raw score in each leg list that has it. */
  private static List<Hit> withAllLegs(List<Hit> hits, DagResult run, DeepPlan plan, boolean passages) {
    Map<String, Map<String, LegScore>> byKey = new HashMap<>();
    for (String leg : plan.legNodes.keySet()) {
      RankedList list = run.outcome(leg).output(RankedList.class);
      if (list == null) {
        continue;
      }
      for (int i = 0; i < list.candidates().size(); i++) {
        var c = list.candidates().get(i);
        byKey.computeIfAbsent(c.key(), k -> new LinkedHashMap<>()).putIfAbsent(leg, new LegScore(i + 1, c.score()));
      }
    }
    List<Hit> out = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      Map<String, LegScore> legs = new LinkedHashMap<>(byKey.getOrDefault(passages ? h.id() + "#" + h.passage() : h.id(), Map.of()));
      if (h.legs().containsKey(DeepPlan.RERANK)) {
        legs.put(DeepPlan.RERANK, h.legs().get(DeepPlan.RERANK));
      }
      out.add(new Hit(h.id(), h.title(), h.text(), h.passage(), h.date(), h.source(), h.url(), h.score(), legs));
    }
    return out;
  }

  private static Map<String, Double> timings(DagResult run, double planMs, double hydrateMs, long start) {
    Map<String, Double> t = new LinkedHashMap<>();
    t.put("plan", planMs);
    double embed = 0;
    double legsEnd = 0;
    for (NodeTrace n : run.trace()) {
      if (n.node().startsWith(DeepPlan.EMBED) && n.startMs() >= 0) {
        embed = Math.max(embed, n.endMs() - n.startMs());
      }
      if (!n.node().startsWith(DeepPlan.COMBINE) && !n.node().equals(DeepPlan.FUSE)
          && !n.node().equals(DeepPlan.RERANK) && n.startMs() >= 0) {
        legsEnd = Math.max(legsEnd, n.endMs());
      }
    }
    t.put("embed", embed);
    t.put("legs", legsEnd);
    run.trace().stream().filter(n -> n.node().equals(DeepPlan.FUSE) && n.startMs() >= 0)
        .findFirst().ifPresent(n -> t.put("fuse", round(n.endMs() - n.startMs())));
    run.trace().stream().filter(n -> n.node().equals(DeepPlan.RERANK) && n.startMs() >= 0)
        .findFirst().ifPresent(n -> t.put("rerank", round(n.endMs() - n.startMs())));
    t.put("hydrate", hydrateMs);
    t.put("total", ms(start));
    return t;
  }

  private Map<String, Object> explain(List<QueryVariant> variants, DagResult run) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, String> v = new LinkedHashMap<>();
    variants.forEach(x -> v.put(x.name(), x.text()));
    out.put("variants", v);
    out.put("combine", combine.describe());
    out.put("fusion", rrf.describe());
    out.put("reranker", rerank == null ? "none" : rerank.modelId());
    out.put("deadline_expired", run.deadlineExpired());
    out.put("trace", run.trace());
    return out;
  }

  private static double ms(long since) {
    return round((System.nanoTime() - since) / 1e6);
  }

  private static double round(double ms) {
    return Math.round(ms * 100) / 100.0;
  }
}
