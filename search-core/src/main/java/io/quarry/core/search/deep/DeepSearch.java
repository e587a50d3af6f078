package io.quarry.core.search.deep;

import io.quarry.core.dag.DagExecutor;
import io.quarry.core.dag.DagResult;
import io.quarry.core.dag.NodeOutcome;
import io.quarry.core.dag.NodePolicy;
import io.quarry.core.dag.NodeTrace;
import io.quarry.core.fusion.Candidate;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.LegScore;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.query.QueryVariant;
import io.quarry.core.query.QueryVariants;
import io.quarry.core.query.RouteDecision;
import io.quarry.core.query.Router;
import io.quarry.core.search.DropReason;
import io.quarry.core.search.DroppedLeg;
import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.freshness.FreshnessLeg;
import io.quarry.core.search.freshness.FreshnessSettings;
import io.quarry.core.search.freshness.FreshnessShaping;
import io.quarry.core.search.freshness.TemporalPlan;
import io.quarry.core.search.leg.FinishingReserve;
import io.quarry.core.search.leg.Hydrator;
import io.quarry.core.search.leg.LegSelection;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.spi.DocumentRetriever;
import io.quarry.core.spi.QueryEncoder;
import io.quarry.core.spi.Reranker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The deep search path for hard questions. {@link #search} is six steps:
 *
 * <ol>
 *   <li><b>Plan</b>: the budget (the request's deadline, else the default), the finishing reserve
 *       this path has measured, the legs that run ({@link LegSelection}), the query variants.
 *   <li><b>Shape for time</b> ({@link FreshnessShaping}, inside the budget): the plan's text and
 *       filters, a narrower window, or the recent pass as a node of the DAG.
 *   <li><b>Fan out</b>: run the {@link DeepPlan} DAG: for every variant its embedding and legs,
 *       combined per variant as the fast path combines them; the second hop; the extra legs; the
 *       final fusion; the cross-encoder when one is configured and the budget pays for it. Legs
 *       late at the deadline less the reserve are cancelled; the merges get the reserve.
 *   <li><b>Order</b>: the reranked list, else the fused list, else (when the fusion itself was
 *       late or failed) the original query's own list.
 *   <li><b>Hydrate</b> the top k, or as many as the time left pays for, each hit with its rank
 *       and score in every leg.
 *   <li><b>Report</b> every dropped leg and stage with its typed reason; the trace under {@code
 *       explain}.
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
  private final String rerankUnavailable;
  private final Fusion combine;
  private final Fusion rrf;
  private final FreshnessSettings freshness;
  private final FinishingReserve reserve = new FinishingReserve(Duration.ofMillis(5));

  /**
   * @param legs legs run over every variant (BM25, vector)
   * @param extraLegs legs run once over the original text and fused as lists of their own; every
   *     leg has a weight and a flag in {@code fast}
   * @param reranker the cross-encoder, or null for none
   * @param rerankMsPerPair the reranker's cost per pair measured at start-up (seeds the window cap)
   * @param rerankUnavailable why a configured reranker could not load, or null: the stage is then
   *     reported {@code unavailable}
   * @param freshness freshness configuration (the recent pass's weight, window, decay)
   */
  public DeepSearch(QuarryIndex index, QueryEncoder encoder, List<RetrievalLeg> legs,
      List<RetrievalLeg> extraLegs, SearchSettings fast, DeepSettings settings, DagExecutor executor,
      Reranker reranker, double rerankMsPerPair, String rerankUnavailable, FreshnessSettings freshness) {
    fast.requireWeights(Stream.concat(legs.stream(), extraLegs.stream()).map(RetrievalLeg::name).toList());
    this.freshness = freshness;
    this.index = index;
    this.encoder = encoder;
    this.legs = List.copyOf(legs);
    this.extraLegs = List.copyOf(extraLegs);
    this.fast = fast;
    this.settings = settings;
    this.executor = executor;
    this.rerank = reranker == null ? null : new RerankStage(reranker, settings.rerankWindow(), rerankMsPerPair);
    this.rerankUnavailable = rerankUnavailable;
    this.combine = fast.combine(legs.stream().map(RetrievalLeg::name).toList());
    // The final fusion: the original query's list weighs 1, each variant's list the variant
    // weight, the second hop, the recent pass and extra legs their own weights.
    Map<String, Double> weights = new HashMap<>();
    weights.put(QueryVariant.ORIGINAL, 1.0);
    extraLegs.forEach(l -> weights.put(l.name(), fast.weights().get(l.name())));
    weights.put(DeepPlan.HOP2, settings.hop2().weight());
    weights.put(FreshnessLeg.NAME, freshness.recentWeight());
    this.rrf = settings.fusion().create(settings.rrfK(), weights, settings.variantWeight());
  }

  /** A deep search with the default freshness settings and a reranker that loaded (or none). */
  public DeepSearch(QuarryIndex index, QueryEncoder encoder, List<RetrievalLeg> legs,
      List<RetrievalLeg> extraLegs, SearchSettings fast, DeepSettings settings, DagExecutor executor,
      Reranker reranker, double rerankMsPerPair) {
    this(index, encoder, legs, extraLegs, fast, settings, executor, reranker, rerankMsPerPair, null,
        FreshnessSettings.DEFAULT);
  }

  public DeepSettings settings() {
    return settings;
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
    // 1. plan
    Duration budget = asked.deep().deadline() == null ? settings.deadline() : asked.deep().deadline();
    long end = start + budget.toNanos();
    long legDeadline = end - reserve.nanos(budget, asked.k());
    LegSelection selection = LegSelection.of(legs, fast.legs(), encoder != null, asked);
    LegSelection extra = LegSelection.of(extraLegs, fast.legs(), encoder != null, asked);
    List<DroppedLeg> dropped = new ArrayList<>(selection.dropped());
    dropped.addAll(extra.dropped());
    try (QuarryIndex.Snapshot snapshot = index.acquire()) {
      // 2. time, inside the budget
      FreshnessShaping time = FreshnessShaping.shape(planned, asked, index, snapshot, selection.running(),
          combine, freshness, () -> System.nanoTime() > legDeadline);
      dropped.addAll(time.dropped());
      SearchRequest request = time.request();
      DeepPlan plan = plan(request, snapshot, selection, extra, time, legDeadline, dropped);
      double planMs = ms(start);
      // 3. fan out: legs until the leg deadline, merges until the end
      DagResult run = executor.run(plan.build(), Duration.ofNanos(Math.max(0, legDeadline - System.nanoTime())),
          Duration.ofNanos(Math.max(0, end - Math.max(legDeadline, System.nanoTime()))));
      // 4. order, 5. hydrate what the time left pays for
      long t = System.nanoTime();
      Hydrator.Hydrated hydrated = Hydrator.within(index, snapshot, top(finalOrder(run, request.k(), dropped), request.k()),
          request.passages(), request.query(), reserve, end);
      List<Hit> hits = withAllLegs(hydrated.hits(), run, plan, request.passages());
      double hydrateMs = ms(t);
      // 6. report
      report(run, plan, hydrated, dropped);
      reserve.observeMerge(System.nanoTime() - finishingStart(run, start, planMs) - (long) (hydrateMs * 1e6));
      return new SearchResponse(hits, SearchMode.DEEP, dropped, timings(run, plan, planMs, hydrateMs, start),
          time.shown(asked.filters()), request.explain() ? explain(plan, run, budget) : Map.of(), null, time.report());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<FusedHit> top(List<FusedHit> ranked, int k) {
    return ranked.size() > k ? ranked.subList(0, k) : ranked;
  }

  /** Every leg node that did not deliver and a shrunk hydration, typed. */
  private static void report(DagResult run, DeepPlan plan, Hydrator.Hydrated hydrated, List<DroppedLeg> dropped) {
    plan.legNodes.keySet().stream().filter(n -> !run.outcome(n).status().delivered())
        .forEach(n -> dropped.add(DroppedLeg.of(n, run.outcome(n))));
    if (hydrated.dropped() != null) {
      dropped.add(hydrated.dropped());
    }
  }

  /** The DAG of one request: variants, second hop, extra legs, recent pass, fusion, rerank. */
  private DeepPlan plan(SearchRequest request, QuarryIndex.Snapshot snapshot, LegSelection selection,
      LegSelection extra, FreshnessShaping time, long legDeadline, List<DroppedLeg> dropped) {
    boolean variantsOn = !Boolean.FALSE.equals(request.deep().variants());
    List<QueryVariant> variants = variantsOn && settings.maxVariants() > 1
        ? QueryVariants.of(request.query(), settings.maxVariants(), settings.variantKinds())
        : List.of(new QueryVariant(QueryVariant.ORIGINAL, request.query()));
    int candidates = Math.max(settings.candidates(), request.k());
    boolean rerankOn = rerank != null && settings.rerank() && !Boolean.FALSE.equals(request.deep().rerank());
    int fuseLimit = Math.max(time.fuseLimit(request.k(), candidates), rerankOn ? settings.rerankWindow() : 0);
    DeepPlan plan = new DeepPlan(index, snapshot, encoder, request, candidates,
        NodePolicy.DEFAULT.withRetries(settings.attempts(), settings.backoff()), variants);
    List<RetrievalLeg> running = selection.running();
    variants.forEach(v -> plan.addVariant(v, running, combine));
    // The second hop only for questions that look multi-hop: on a plain question or a statement
    // the chain adds noise (measured on SciFact). A request without variants asks for the
    // original text only, so it has no second hop either.
    RouteDecision shape = Router.route(request.query());
    plan.hop2Reason = shape.reason();
    if (settings.hop2().enabled() && variantsOn && !running.isEmpty() && shape.deep()) {
      plan.addHop2(running, combine, settings.hop2());
    }
    for (RetrievalLeg leg : extra.running()) {
      // The gate runs before any embedding or search: a leg that cannot help costs its gate only.
      long g = System.nanoTime();
      DocumentRetriever.Gate gate = leg.gate(request.query());
      plan.gateNanos.put(leg.name(), System.nanoTime() - g);
      if (!gate.open()) {
        dropped.add(new DroppedLeg(leg.name(), gate.unavailable() ? DropReason.UNAVAILABLE : DropReason.GATED,
            gate.reason()));
      } else {
        plan.addExtraLeg(leg);
      }
    }
    if (time.recentPass() != null) {
      plan.addExtraLeg(time.recentPass());
    }
    plan.addFuse((lists, limit) -> time.finish(snapshot, rrf.fuse(lists, limit), limit), fuseLimit);
    if (rerankOn) {
      plan.addRerank(rerank, legDeadline);
    } else {
      dropped.add(rerankDrop(request));
    }
    return plan;
  }

  private DroppedLeg rerankDrop(SearchRequest request) {
    if (rerankUnavailable != null) {
      return new DroppedLeg(DeepPlan.RERANK, DropReason.UNAVAILABLE, rerankUnavailable);
    }
    if (!settings.rerank()) {
      return new DroppedLeg(DeepPlan.RERANK, DropReason.DISABLED, "rerank.enabled=false");
    }
    if (rerank == null) {
      return new DroppedLeg(DeepPlan.RERANK, DropReason.DISABLED, "no reranker configured (rerank.model)");
    }
    return new DroppedLeg(DeepPlan.RERANK, DropReason.NOT_REQUESTED, "rerank: false");
  }

  /**
   * The reranked order when reranking delivered, else the fused order, else, when the fusion
   * itself did not deliver, the original query's combined list (or any leg's list): never
   * nothing when something arrived. Reports each fallback.
   */
  @SuppressWarnings("unchecked")
  private static List<FusedHit> finalOrder(DagResult run, int k, List<DroppedLeg> dropped) {
    NodeOutcome fuse = run.outcome(DeepPlan.FUSE);
    List<FusedHit> fused = fuse.output(List.class);
    if (fused == null) {
      RankedList fallback = Stream.concat(Stream.of(DeepPlan.COMBINE + QueryVariant.ORIGINAL),
              run.outcomes().keySet().stream())
          .map(run.outcomes()::get)
          .filter(o -> o.status().delivered() && o.output() instanceof RankedList)
          .map(o -> o.output(RankedList.class)).findFirst().orElse(null);
      DroppedLeg d = DroppedLeg.of(DeepPlan.FUSE, fuse);
      dropped.add(new DroppedLeg(DeepPlan.FUSE, d.reason(), d.detail() + "; "
          + (fallback == null ? "no list arrived" : "answered with the list of " + fallback.leg())));
      fused = fallback == null ? List.of() : asFused(fallback, k);
    }
    if (!run.outcomes().containsKey(DeepPlan.RERANK)) {
      return fused;
    }
    NodeOutcome r = run.outcome(DeepPlan.RERANK);
    if (r.status().delivered()) {
      return r.output(List.class);
    }
    DroppedLeg d = DroppedLeg.of(DeepPlan.RERANK, r);
    dropped.add(new DroppedLeg(DeepPlan.RERANK, d.reason(), d.detail() + "; fused order kept"));
    return fused;
  }

  private static List<FusedHit> asFused(RankedList list, int k) {
    List<FusedHit> out = new ArrayList<>();
    List<Candidate> cs = list.candidates();
    for (int i = 0; i < Math.min(k, cs.size()); i++) {
      Candidate c = cs.get(i);
      out.add(new FusedHit(c.key(), c.score(), Map.of(list.leg(), new LegScore(i + 1, c.score())), c));
    }
    return out;
  }

  /** When the finishing work began: the end of the last leg, or of planning when none ran. */
  private static long finishingStart(DagResult run, long start, double planMs) {
    double legsEndMs = 0;
    for (NodeTrace n : run.trace()) {
      if (!n.node().startsWith(DeepPlan.COMBINE) && !n.node().equals(DeepPlan.FUSE) && n.startMs() >= 0) {
        legsEndMs = Math.max(legsEndMs, n.endMs());
      }
    }
    return start + (long) ((planMs + legsEndMs) * 1e6);
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

  private static Map<String, Double> timings(DagResult run, DeepPlan plan, double planMs, double hydrateMs, long start) {
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
    // An extra leg's own cost: its gate, plus its node when it ran (a gated leg shows its gate).
    plan.gateNanos.forEach((leg, gate) -> {
      double node = run.trace().stream().filter(n -> n.node().equals(leg) && n.startMs() >= 0)
          .mapToDouble(n -> n.endMs() - n.startMs()).sum();
      t.put(leg, round(gate / 1e6 + node));
    });
    run.trace().stream().filter(n -> n.node().equals(DeepPlan.FUSE) && n.startMs() >= 0)
        .findFirst().ifPresent(n -> t.put("fuse", round(n.endMs() - n.startMs())));
    run.trace().stream().filter(n -> n.node().equals(DeepPlan.RERANK) && n.startMs() >= 0)
        .findFirst().ifPresent(n -> t.put("rerank", round(n.endMs() - n.startMs())));
    t.put("hydrate", hydrateMs);
    t.put("total", ms(start));
    return t;
  }

  private Map<String, Object> explain(DeepPlan plan, DagResult run, Duration budget) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, String> v = new LinkedHashMap<>();
    plan.variants().forEach(x -> v.put(x.name(), x.text()));
    out.put("variants", v);
    out.put("combine", combine.describe());
    out.put("fusion", rrf.describe());
    out.put("reranker", rerank == null ? "none" : rerank.modelId());
    out.put("hop2", (plan.hasHop2() ? "ran: " : "skipped: ") + plan.hop2Reason);
    out.put("finishing_reserve", reserve.describe(budget, plan.k()));
    Map<String, Object> legs = new LinkedHashMap<>();
    for (String leg : plan.legNodes.keySet()) {
      RankedList list = run.outcome(leg).output(RankedList.class);
      if (list != null && !list.explanation().isEmpty()) {
        legs.put(leg, list.explanation());
      }
    }
    if (!legs.isEmpty()) {
      out.put("legs", legs);
    }
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
