package io.quarry.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests for nDCG, recall and MRR, with every expected value worked out by hand.
 *
 * <p>The shared judgments: a = 2, b = 1, c = 0 (judged not relevant), d = 1; x, y are unjudged.
 * Discounts (1-based rank r, log2(r + 1)): r1 = 1, r2 = 1.5849625007, r3 = 2, r4 = 2.3219280949.
 * Ideal ranking a, b, d: IDCG@10 = 2/1 + 1/1.5849625007 + 1/2 = 2 + 0.6309297536 + 0.5
 * = 3.1309297536.
 */
class RankingMetricsTest {

  private static final Map<String, Integer> GRADES = Map.of("a", 2, "b", 1, "c", 0, "d", 1);
  private static final double IDCG = 3.1309297535714578;
  private static final double EPS = 1e-12;

  static Stream<Arguments> ndcgCases() {
    return Stream.of(
        // ideal order: DCG = IDCG
        Arguments.of("ideal", List.of("a", "b", "d"), 10, 1.0),
        // x(0) at r1, a(2) at r2, c(0) at r3, b(1) at r4:
        // DCG = 2/1.5849625007 + 1/2.3219280949 = 1.2618595071 + 0.4306765581 = 1.6925360652
        // nDCG = 1.6925360652 / 3.1309297536 = 0.5405857679
        Arguments.of("graded, gaps", List.of("x", "a", "c", "b"), 10, 0.5405857679450102),
        // duplicates: a, a, b counts as a, b: DCG = 2 + 0.6309297536 = 2.6309297536 -> 0.8403030284
        Arguments.of("duplicate ignored", List.of("a", "a", "b"), 10, 0.8403030283801005),
        // fewer hits than k: b alone: DCG = 1 -> 1 / 3.1309297536 = 0.3193939432
        Arguments.of("fewer hits than k", List.of("b"), 10, 0.31939394323979897),
        Arguments.of("empty ranking", List.of(), 10, 0.0),
        // k = 1 cuts the ideal too: IDCG@1 = 2 (a); ranking b: DCG@1 = 1 -> 0.5
        Arguments.of("cutoff applies to ideal", List.of("b", "a"), 1, 0.5),
        // relevant document at rank 11 is past the cutoff
        Arguments.of("relevant past cutoff", tenMissesThen("a"), 10, 0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ndcgCases")
  void should_match_hand_computed_ndcg_when_ranking_given(String name, List<String> ranking,
      int k, double expected) {
    assertEquals(expected, RankingMetrics.ndcg(ranking, GRADES, k), EPS);
  }

  @Test
  void should_use_exponential_gain_when_asked() {
    // gains 2^g - 1: a = 3, b = d = 1. IDCG = 3 + 0.6309297536 + 0.5 = 4.1309297536
    // x, a, c, b: DCG = 3/1.5849625007 + 1/2.3219280949 = 1.8927892607 + 0.4306765581
    // = 2.3234658188 -> 0.5624559016
    assertEquals(0.562455901550729,
        RankingMetrics.ndcg(List.of("x", "a", "c", "b"), GRADES, 10, Gain.EXPONENTIAL), EPS);
  }

  @Test
  void should_return_nan_when_query_has_no_relevant_document() {
    Map<String, Integer> none = Map.of("c", 0);
    assertTrue(Double.isNaN(RankingMetrics.ndcg(List.of("c"), none, 10)));
    assertTrue(Double.isNaN(RankingMetrics.recall(List.of("c"), none, 10)));
    assertTrue(Double.isNaN(RankingMetrics.reciprocalRank(List.of("c"), none, 10)));
    assertTrue(Double.isNaN(RankingMetrics.ndcg(List.of("c"), Map.of(), 10)));
  }

  static Stream<Arguments> recallCases() {
    return Stream.of(
        // 3 relevant (a, b, d)
        Arguments.of("top 2 has a", List.of("x", "a", "c", "b"), 2, 1.0 / 3),
        Arguments.of("top 5 has a, b", List.of("x", "a", "c", "b"), 5, 2.0 / 3),
        // a, a, b, d: distinct a, b, d -> top 2 = a, b
        Arguments.of("duplicate does not fill a slot", List.of("a", "a", "b", "d"), 2, 2.0 / 3),
        Arguments.of("all found", List.of("d", "b", "a"), 100, 1.0),
        Arguments.of("fewer hits than k", List.of("d"), 100, 1.0 / 3),
        Arguments.of("judged non-relevant does not count", List.of("c"), 10, 0.0),
        Arguments.of("empty", List.of(), 10, 0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recallCases")
  void should_match_hand_computed_recall_when_ranking_given(String name, List<String> ranking,
      int k, double expected) {
    assertEquals(expected, RankingMetrics.recall(ranking, GRADES, k), EPS);
  }

  static Stream<Arguments> mrrCases() {
    return Stream.of(
        Arguments.of("first", List.of("a"), 1.0),
        // x, c, b: first relevant at rank 3
        Arguments.of("third", List.of("x", "c", "b"), 1.0 / 3),
        // x, x, y, d: duplicate x dropped, d at rank 3
        Arguments.of("duplicate dropped before ranking", List.of("x", "x", "y", "d"), 1.0 / 3),
        Arguments.of("past rank 10", tenMissesThen("a"), 0.0),
        Arguments.of("empty", List.of(), 0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mrrCases")
  void should_match_hand_computed_mrr_when_ranking_given(String name, List<String> ranking,
      double expected) {
    assertEquals(expected, RankingMetrics.reciprocalRank(ranking, GRADES, 10), EPS);
  }

  @Test
  void should_keep_first_occurrence_when_ids_repeat() {
    assertEquals(List.of("b", "a", "c"), RankingMetrics.distinct(List.of("b", "a", "b", "c", "a")));
  }

  @Test
  void should_reject_k_when_not_positive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RankingMetrics.ndcg(List.of(), GRADES, 0));
    assertEquals("illegal k: 0, must be >= 1", e.getMessage());
  }

  @Test
  void should_agree_with_ideal_dcg_constant_when_ranking_is_ideal() {
    // guards the header comment: DCG of the ideal ranking is IDCG
    assertEquals(1.0, RankingMetrics.ndcg(List.of("a", "d", "b"), GRADES, 10), EPS);
    assertEquals(IDCG, 2 + 1 / log2(3) + 1 / log2(4), EPS);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static List<String> tenMissesThen(String id) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      out.add("miss" + i);
    }
    out.add(id);
    return out;
  }
}
