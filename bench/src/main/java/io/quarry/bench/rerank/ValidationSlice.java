package io.quarry.bench.rerank;

import io.quarry.core.eval.RankingMetrics;
import io.quarry.core.search.deep.RerankBlend;
import io.quarry.embeddings.rerank.PairScorer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The judged queries held out of training, each with the first stage's top {@code window}
 * candidates: what the reranker is measured on after every epoch, and where the cross-encoder's
 * share of the final score is chosen ({@link RerankBlend}, the function the deep path applies).
 *
 * <p>The candidates are fetched once; only the cross-encoder's scores change between epochs.
 */
final class ValidationSlice {

  /** The shares tried, 0 to 1 in steps of 0.05. */
  static final int WEIGHT_STEPS = 20;

  /** One held-out query. */
  record Query(String id, String text, Map<String, Integer> grades, List<Candidate> candidates) {}

  /**
   * What one model does on the slice.
   *
   * @param firstStage nDCG@10 and Recall@5 of the first stage's order
   * @param crossEncoder the same with the window ordered by the cross-encoder alone
   * @param blended the same at the chosen share
   * @param weight the chosen share (the best nDCG@10; ties go to the larger share)
   */
  record Outcome(Metrics firstStage, Metrics crossEncoder, Metrics blended, double weight) {}

  /** Mean nDCG@10 and Recall@5 over the slice. */
  record Metrics(double ndcg10, double recall5) {}

  private final List<Query> queries;
  private final int window;

  ValidationSlice(List<Query> queries, int window) {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("illegal validation slice: no queries");
    }
    this.queries = List.copyOf(queries);
    this.window = window;
  }

  int size() {
    return queries.size();
  }

  int window() {
    return window;
  }

  /** Scores every window with {@code scorer} and measures the three orders. */
  Outcome evaluate(PairScorer scorer) {
    List<float[]> ce = new ArrayList<>(queries.size());
    for (Query q : queries) {
      List<String> texts = q.candidates().stream().limit(window).map(Candidate::text).toList();
      ce.add(scorer.score(q.text(), texts));
    }
    Metrics first = measure(ce, -1);
    Metrics alone = measure(ce, 1);
    double bestWeight = 1;
    Metrics best = alone;
    for (int step = WEIGHT_STEPS - 1; step >= 0; step--) {
      double w = (double) step / WEIGHT_STEPS;
      Metrics m = measure(ce, w);
      if (m.ndcg10() > best.ndcg10() + 1e-12) {
        best = m;
        bestWeight = w;
      }
    }
    return new Outcome(first, alone, best, bestWeight);
  }

  /** The slice's metrics with each window blended at {@code weight}; -1 keeps the first stage's order. */
  private Metrics measure(List<float[]> ce, double weight) {
    double ndcg = 0;
    double recall = 0;
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      List<String> ranking = weight < 0 ? q.candidates().stream().map(Candidate::id).toList()
          : reorder(q.candidates(), ce.get(i), weight);
      ndcg += RankingMetrics.ndcg(ranking, q.grades(), 10);
      recall += RankingMetrics.recall(ranking, q.grades(), 5);
    }
    return new Metrics(ndcg / queries.size(), recall / queries.size());
  }

  /** The window in blended order, then the rest in first-stage order, as the deep path returns it. */
  static List<String> reorder(List<Candidate> candidates, float[] ce, double weight) {
    int w = ce.length;
    double[] fused = new double[w];
    for (int i = 0; i < w; i++) {
      fused[i] = candidates.get(i).fused();
    }
    double[] blended = RerankBlend.scores(ce, fused, weight);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < w; i++) {
      order.add(i);
    }
    // ties keep the first stage's order, as a stable sort of the deep path's does
    order.sort(Comparator.comparingDouble((Integer i) -> -blended[i]));
    List<String> out = new ArrayList<>(candidates.size());
    order.forEach(i -> out.add(candidates.get(i).id()));
    candidates.subList(w, candidates.size()).forEach(c -> out.add(c.id()));
    return out;
  }
}
