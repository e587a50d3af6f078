package io.quarry.core.search.deep;

import io.quarry.core.fusion.LegScore;
import io.quarry.core.search.Hit;
import io.quarry.core.search.leg.Hydrator;
import io.quarry.core.search.leg.QueryTerms;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.HitOrder;
import io.quarry.core.index.Fields;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.spi.Reranker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Reranks the top of a fused list with a cross-encoder, inside what is left of the deadline.
 *
 * <p>The window is capped twice: by configuration, and by the remaining budget divided by the
 * measured cost per pair (a moving average of what reranking has cost so far, seeded by the
 * start-up warm-up), so reranking is planned to end before the deadline instead of being cut off
 * by it. Reranked hits score {@code 1 + }{@link RerankBlend} of the cross-encoder's and the fused
 * score (the reranker's {@link Reranker#blendWeight()}), above every hit left in fused order, whose
 * fused score is scaled into {@code [0, 1)}; the order rule stays "score descending".
 *
 * <p>Thread-safe.
 */
final class RerankStage {

  /** Share of the remaining budget reranking may plan to use; the rest is for hydration. */
  static final double BUDGET_SHARE = 0.8;
  /** Weight of the newest observation in the cost average. */
  private static final double EWMA = 0.2;

  private final Reranker reranker;
  private final int window;
  private volatile double msPerPair;

  RerankStage(Reranker reranker, int window, double initialMsPerPair) {
    this.reranker = reranker;
    this.window = window;
    this.msPerPair = Math.max(0.01, initialMsPerPair);
  }

  String modelId() {
    return reranker.modelId();
  }

  /**
   * Reorders the top of {@code fused}.
   *
   * @throws TimeoutException when not even two pairs fit in the remaining budget (the
   *     caller keeps the fused order and reports why)
   */
  List<FusedHit> rerank(QuarryIndex index, QuarryIndex.Snapshot snapshot, List<FusedHit> fused,
      String query, boolean passages, long deadlineNanos) throws IOException, TimeoutException {
    double remainingMs = (deadlineNanos - System.nanoTime()) / 1e6;
    int affordable = (int) Math.floor(remainingMs * BUDGET_SHARE / msPerPair);
    int w = Math.min(Math.min(window, fused.size()), affordable);
    if (w < 2) {
      throw new TimeoutException(String.format(Locale.ROOT,
          "no time: %.0f ms left at about %.1f ms a pair", remainingMs, msPerPair));
    }
    List<FusedHit> top = fused.subList(0, w);
    QueryTerms terms = QueryTerms.analyze(index.analyzer(), Fields.PASSAGE, query);
    List<Hit> hits = Hydrator.hydrate(index, snapshot, top, passages, terms);
    List<String> texts = new ArrayList<>(hits.size());
    hits.forEach(h -> texts.add(h.rerankText()));
    long t = System.nanoTime();
    float[] scores = reranker.score(query, texts);
    double perPair = (System.nanoTime() - t) / 1e6 / texts.size();
    msPerPair = (1 - EWMA) * msPerPair + EWMA * perPair;
    return reorder(fused, top, scores, reranker.blendWeight());
  }

  static List<FusedHit> reorder(List<FusedHit> fused, List<FusedHit> top, float[] scores, double weight) {
    double maxFused = fused.stream().mapToDouble(FusedHit::score).max().orElse(0);
    List<FusedHit> reranked = new ArrayList<>(top.size());
    double[] fusedTop = new double[top.size()];
    for (int i = 0; i < top.size(); i++) {
      fusedTop[i] = top.get(i).score();
    }
    double[] blended = RerankBlend.scores(scores, fusedTop, weight);
    for (int i = 0; i < top.size(); i++) {
      FusedHit f = top.get(i);
      reranked.add(new FusedHit(f.key(), 1 + blended[i], withLeg(f, "rerank", scores[i]), f.best()));
    }
    reranked.sort(HitOrder.FUSED);
    Map<String, Integer> rerankRank = new HashMap<>();
    for (int i = 0; i < reranked.size(); i++) {
      FusedHit f = reranked.get(i);
      rerankRank.put(f.key(), i + 1);
    }
    List<FusedHit> out = new ArrayList<>(fused.size());
    for (FusedHit f : reranked) {
      Map<String, LegScore> legs = new HashMap<>(f.legs());
      legs.put("rerank", new LegScore(rerankRank.get(f.key()), legs.get("rerank").score()));
      out.add(new FusedHit(f.key(), f.score(), legs, f.best()));
    }
    for (FusedHit f : fused.subList(top.size(), fused.size())) {
      out.add(new FusedHit(f.key(), f.score() / (1 + maxFused), f.legs(), f.best()));
    }
    return out;
  }

  private static Map<String, LegScore> withLeg(FusedHit f, String leg, double score) {
    Map<String, LegScore> legs = new HashMap<>(f.legs());
    legs.put(leg, new LegScore(1, score)); // rank filled in once the window is sorted
    return legs;
  }
}
