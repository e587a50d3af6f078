package io.quarry.core.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-query ranking metrics over a ranked list of document ids, as pure functions.
 *
 * <p>Rules shared by every method (see also the package overview):
 *
 * <ul>
 *   <li>Only the first occurrence of a document id in {@code ranking} counts; later duplicates
 *       are dropped before ranks are assigned (so a duplicate neither gains twice nor pushes later
 *       documents down).
 *   <li>Rankings shorter than {@code k} are evaluated as they are; absent ranks gain nothing.
 *   <li>{@code grades} are the query's judgments (document id to grade); unjudged documents have
 *       grade 0. Relevant means grade &gt; 0.
 *   <li>For a query without any relevant document nDCG and recall are undefined: these methods
 *       then return {@link Double#NaN}; callers skip such queries (see {@link QueryEvaluator}).
 * </ul>
 *
 * <p>Cost: O(|ranking| + |grades| log |grades|) per call.
 */
public final class RankingMetrics {

  private RankingMetrics() {}

  /**
   * nDCG at cutoff {@code k} exactly as trec_eval's {@code ndcg_cut} computes it (usnistgov
   * trec_eval {@code m_ndcg_cut.c}, the version shipped in Anserini): linear gain = grade, the
   * document at 1-based rank r discounted by log2(r + 1), and the ideal DCG taken over the
   * query's own judged grades sorted descending and cut at {@code k} as well.
   *
   * @return a value in [0, 1], or NaN when the query has no relevant document
   */
  public static double ndcg(List<String> ranking, Map<String, Integer> grades, int k) {
    return ndcg(ranking, grades, k, Gain.LINEAR);
  }

  /** nDCG at {@code k} with the given gain function; see {@link #ndcg(List, Map, int)}. */
  public static double ndcg(List<String> ranking, Map<String, Integer> grades, int k, Gain gain) {
    requireK(k);
    List<Integer> ideal = grades.values().stream().filter(g -> g > 0)
        .sorted((a, b) -> Integer.compare(b, a)).toList();
    if (ideal.isEmpty()) {
      return Double.NaN;
    }
    double idcg = 0.0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += gain.of(ideal.get(i)) / discount(i + 1);
    }
    List<String> docs = distinct(ranking);
    double dcg = 0.0;
    for (int i = 0; i < Math.min(k, docs.size()); i++) {
      dcg += gain.of(grades.getOrDefault(docs.get(i), 0)) / discount(i + 1);
    }
    return dcg / idcg;
  }

  /**
   * Recall at {@code k}: relevant documents among the first {@code k} distinct ids, divided by
   * the number of relevant documents judged for the query (trec_eval {@code recall.k}).
   *
   * @return a value in [0, 1], or NaN when the query has no relevant document
   */
  public static double recall(List<String> ranking, Map<String, Integer> grades, int k) {
    requireK(k);
    int relevant = relevantCount(grades);
    if (relevant == 0) {
      return Double.NaN;
    }
    List<String> docs = distinct(ranking);
    int found = 0;
    for (int i = 0; i < Math.min(k, docs.size()); i++) {
      if (grades.getOrDefault(docs.get(i), 0) > 0) {
        found++;
      }
    }
    return (double) found / relevant;
  }

  /**
   * Reciprocal rank at {@code k}: 1 / (1-based rank of the first relevant document) when it is
   * within the first {@code k} distinct ids, else 0 (trec_eval {@code recip_rank} with a cutoff).
   *
   * @return a value in [0, 1], or NaN when the query has no relevant document
   */
  public static double reciprocalRank(List<String> ranking, Map<String, Integer> grades, int k) {
    requireK(k);
    if (relevantCount(grades) == 0) {
      return Double.NaN;
    }
    List<String> docs = distinct(ranking);
    for (int i = 0; i < Math.min(k, docs.size()); i++) {
      if (grades.getOrDefault(docs.get(i), 0) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0.0;
  }

  /** The ranking with later duplicates of an id removed, order kept. */
  public static List<String> distinct(List<String> ranking) {
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>(ranking.size());
    for (String id : ranking) {
      if (seen.add(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** Number of judgments with grade &gt; 0. */
  public static int relevantCount(Map<String, Integer> grades) {
    int n = 0;
    for (int g : grades.values()) {
      if (g > 0) {
        n++;
      }
    }
    return n;
  }

  private static double discount(int rank) {
    return Math.log(rank + 1.0) / Math.log(2.0);
  }

  private static void requireK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("illegal k: " + k + ", must be >= 1");
    }
  }
}
