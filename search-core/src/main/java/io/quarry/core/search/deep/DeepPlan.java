package io.quarry.core.search.deep;

import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.leg.Hydrator;
import io.quarry.core.search.leg.LegInput;
import io.quarry.core.search.leg.QueryTerms;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.dag.Dag;
import io.quarry.core.dag.Node;
import io.quarry.core.dag.NodeContext;
import io.quarry.core.dag.NodePolicy;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.query.QueryVariant;
import io.quarry.core.spi.QueryEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DAG of one deep search. For each query variant {@code v} (the original has no suffix):
 *
 * <pre>
 *   embed:v ──▶ vector:v ─┐
 *               bm25:v ───┴─▶ combine:v (score fusion, as the fast path) ─┐
 *   extra legs (graph, freshness, ...) ───────────────────────────────────┴─▶ fuse (weighted RRF) ─▶ rerank
 * </pre>
 *
 * Legs and embeddings are bound by the deadline and retried once on a transient failure;
 * {@code combine:v} and {@code fuse} are merges that run with whatever arrived.
 */
final class DeepPlan {

  static final String FUSE = "fuse";
  static final String RERANK = "rerank";
  static final String COMBINE = "combine:";
  static final String EMBED = "embed";

  private final QuarryIndex index;
  private final QuarryIndex.Snapshot snapshot;
  private final QueryEncoder encoder;
  private final SearchRequest request;
  private final int candidates;
  private final NodePolicy legPolicy;
  private final Dag.Builder dag = Dag.builder();
  /** Every leg node, by name, in plan order. */
  final Map<String, String> legNodes = new LinkedHashMap<>();
  private final List<String> fuseInputs = new ArrayList<>();
  private final List<QueryVariant> variants;
  /** Each extra leg's gate time, in nanoseconds, whether it opened or not. */
  final Map<String, Long> gateNanos = new LinkedHashMap<>();
  /** Why the second hop runs or not (the router's reading of the question's shape). */
  String hop2Reason = "";

  DeepPlan(QuarryIndex index, QuarryIndex.Snapshot snapshot, QueryEncoder encoder,
      SearchRequest request, int candidates, NodePolicy legPolicy, List<QueryVariant> variants) {
    this.variants = List.copyOf(variants);
    this.index = index;
    this.snapshot = snapshot;
    this.encoder = encoder;
    this.request = request;
    this.candidates = candidates;
    this.legPolicy = legPolicy;
  }

  /** Adds {@code legs} over {@code variant}, and their combination with {@code combine}. */
  void addVariant(QueryVariant variant, List<RetrievalLeg> legs, Fusion combine) {
    String suffix = variant.isOriginal() ? "" : ":" + variant.name();
    List<String> names = new ArrayList<>();
    for (RetrievalLeg leg : legs) {
      names.add(addLeg(leg.name() + suffix, leg, variant.text(), EMBED + suffix));
    }
    String combineName = COMBINE + variant.name();
    dag.add(new Node(combineName, List.of(), names,
        ctx -> RankedList.of(variant.name(), combine.fuse(lists(ctx), candidates)), NodePolicy.MERGE));
    fuseInputs.add(combineName);
  }

  /**
   * Adds the second-hop leg: once the original query's legs are combined, reads entities from the
   * best hits' passages, searches each second-hop query with {@code legs}, combines each like a
   * variant, and merges them by RRF into one list named {@link #HOP2}.
   */
  void addHop2(List<RetrievalLeg> legs, Fusion combine, DeepSettings.Hop2 hop2) {
    String first = COMBINE + QueryVariant.ORIGINAL;
    dag.add(new Node(HOP2, List.of(first), List.of(), ctx -> {
      RankedList hop1 = ctx.input(first, RankedList.class);
      List<FusedHit> top = new ArrayList<>();
      for (var c : hop1.candidates().subList(0, Math.min(hop2.docs(), hop1.size()))) {
        top.add(new FusedHit(c.key(), c.score(), Map.of(), c));
      }
      QueryTerms terms = QueryTerms.analyze(index.analyzer(), io.quarry.core.index.Fields.PASSAGE, request.query());
      List<String> texts = new ArrayList<>();
      Hydrator.hydrate(index, snapshot, top, request.passages(), terms).forEach(h -> texts.add(h.text()));
      List<RankedList> perQuery = new ArrayList<>();
      List<QueryVariant> queries = new ArrayList<>();
      if (hop2.chain()) {
        for (int i = 0; i < Math.min(hop2.queries(), texts.size()); i++) {
          queries.add(new QueryVariant("chain" + (i + 1), request.query() + "\n" + texts.get(i)));
        }
      } else {
        queries.addAll(io.quarry.core.query.BridgeEntities.queries(request.query(), texts, hop2.queries()));
      }
      for (var q : queries) {
        ctx.cancellation().check();
        List<RankedList> lists = new ArrayList<>();
        for (RetrievalLeg leg : legs) {
          float[] vector = leg.needsQueryVector() ? encoder.encodeQuery(q.text()) : null;
          lists.add(leg.search(input(q.text(), vector, ctx)));
        }
        perQuery.add(RankedList.of(q.name(), combine.fuse(lists, candidates)));
      }
      return RankedList.of(HOP2, HOP2_MERGE.fuse(perQuery, candidates));
    }, legPolicy));
    legNodes.put(HOP2, HOP2);
    fuseInputs.add(HOP2);
  }

  static final String HOP2 = "hop2";
  private static final Fusion HOP2_MERGE = new io.quarry.core.fusion.ReciprocalRankFusion(60, Map.of());

  /**
   * Adds a leg that searches the original text and goes straight into the final fusion; one that
   * needs the query vector waits for the original query's embedding (shared with the vector leg),
   * and one that {@link RetrievalLeg#needsSeeds() needs seeds} waits for {@code combine:original}.
   */
  void addExtraLeg(RetrievalLeg leg) {
    fuseInputs.add(addLeg(leg.name(), leg, request.query(), EMBED));
  }

  /**
   * Adds node {@code name} running {@code leg} over {@code text}; a leg that needs the query
   * vector waits for node {@code embed}, added once for all the legs that share it; a leg that
   * needs seeds also waits for the original query's combined first hop, wanted but not required
   * (a first hop that did not deliver leaves it seeded by the query alone).
   *
   * @return {@code name}
   */
  private String addLeg(String name, RetrievalLeg leg, String text, String embed) {
    List<String> needs = new ArrayList<>();
    if (leg.needsQueryVector()) {
      if (!dag.contains(embed)) {
        dag.add(Node.source(embed, ctx -> encoder.encodeQuery(text), legPolicy));
      }
      needs.add(embed);
    }
    String first = COMBINE + QueryVariant.ORIGINAL;
    List<String> wants = leg.needsSeeds() ? List.of(first) : List.of();
    dag.add(new Node(name, needs, wants, ctx -> {
      LegInput in = input(text, leg.needsQueryVector() ? ctx.input(embed, float[].class) : null, ctx);
      return leg.search(leg.needsSeeds() ? in.withSeeds((RankedList) ctx.inputs().get(first)) : in);
    }, legPolicy));
    legNodes.put(name, leg.name());
    return name;
  }

  /** The final fusion's work: fuse the lists that arrived, keep at most {@code limit}. */
  @FunctionalInterface
  interface FinalFusion {
    List<FusedHit> fuse(List<RankedList> lists, int limit) throws Exception;
  }

  /** Adds the final fusion, done by {@code fusion} (e.g. fusion followed by a recency decay). */
  void addFuse(FinalFusion fusion, int limit) {
    dag.add(new Node(FUSE, List.of(), fuseInputs, ctx -> fusion.fuse(lists(ctx), limit), NodePolicy.MERGE));
  }

  /** Adds the rerank node after the fusion. */
  void addRerank(RerankStage stage, long deadlineNanos) {
    dag.add(new Node(RERANK, List.of(FUSE), List.of(), ctx -> {
      @SuppressWarnings("unchecked")
      List<FusedHit> fused = ctx.input(FUSE, List.class);
      return stage.rerank(index, snapshot, fused, request.query(), request.passages(), deadlineNanos);
    }, NodePolicy.DEFAULT));
  }

  /** The query variants searched, the original first. */
  List<QueryVariant> variants() {
    return variants;
  }

  /** How many hits the request asked for. */
  int k() {
    return request.k();
  }

  /** Whether the second hop is part of this plan. */
  boolean hasHop2() {
    return legNodes.containsKey(HOP2);
  }

  Dag build() {
    return dag.build();
  }

  private LegInput input(String text, float[] vector, NodeContext ctx) {
    return new LegInput(snapshot, index, text, vector, request.filters(), request.passages(),
        candidates, ctx.cancellation());
  }

  private static List<RankedList> lists(NodeContext ctx) {
    List<RankedList> out = new ArrayList<>();
    ctx.inputs().values().forEach(o -> out.add((RankedList) o));
    return out;
  }

}
