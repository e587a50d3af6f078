package io.quarry.core.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionTest {

  private static RankedList list(String leg, Object... keyScore) {
    List<Candidate> cs = new java.util.ArrayList<>();
    for (int i = 0; i < keyScore.length; i += 2) {
      cs.add(new Candidate((String) keyScore[i], ((Number) keyScore[i + 1]).doubleValue(), -1, -1));
    }
    return new RankedList(leg, cs);
  }

  private static List<String> keys(List<FusedHit> hits) {
    return hits.stream().map(FusedHit::key).toList();
  }

  @Test
  void should_sum_reciprocal_ranks_when_fusing_with_rrf() {
    // bm25: a b c ; vector: b d a  (k = 60)
    // a: 1/61 + 1/63 = 0.032266   b: 1/62 + 1/61 = 0.032522
    // c: 1/63 = 0.015873          d: 1/62 = 0.016129
    List<FusedHit> out = new ReciprocalRankFusion(60, Map.of()).fuse(List.of(
        list("bm25", "a", 9.0, "b", 8.0, "c", 7.0),
        list("vector", "b", 0.9, "d", 0.8, "a", 0.7)), 10);
    assertEquals(List.of("b", "a", "d", "c"), keys(out));
    assertEquals(1.0 / 62 + 1.0 / 61, out.get(0).score(), 1e-12);
    assertEquals(1.0 / 61 + 1.0 / 63, out.get(1).score(), 1e-12);
    assertEquals(Map.of("bm25", new LegScore(2, 8.0), "vector", new LegScore(1, 0.9)), out.get(0).legs());
  }

  @Test
  void should_apply_leg_weights_when_given() {
    // weight bm25 = 2: a = 2/61 + 1/63 ; b = 2/62 + 1/61
    List<FusedHit> out = new ReciprocalRankFusion(60, Map.of("bm25", 2.0)).fuse(List.of(
        list("bm25", "a", 9.0, "b", 8.0),
        list("vector", "b", 0.9, "a", 0.7)), 10);
    assertEquals(List.of("a", "b"), keys(out));
    assertEquals(2.0 / 61 + 1.0 / 62, out.get(0).score(), 1e-12);
  }

  @Test
  void should_break_ties_by_best_rank_then_key() {
    // x is first in bm25 and y first in vector: equal RRF scores, equal best rank -> key order.
    // z is 2nd in both: 2/62 = 0.032258 beats 1/61 + 0 = 0.016393.
    List<FusedHit> out = new ReciprocalRankFusion(60, Map.of()).fuse(List.of(
        list("bm25", "y", 5.0, "z", 4.0),
        list("vector", "x", 0.9, "z", 0.8)), 10);
    assertEquals(List.of("z", "x", "y"), keys(out));
  }

  @Test
  void should_keep_first_occurrence_when_a_leg_repeats_a_key() {
    List<FusedHit> out = new ReciprocalRankFusion(60, Map.of()).fuse(List.of(
        list("bm25", "a", 5.0, "a", 4.0, "b", 3.0)), 10);
    assertEquals(List.of("a", "b"), keys(out));
    assertEquals(1.0 / 61, out.get(0).score(), 1e-12);
    assertEquals(new LegScore(3, 3.0), out.get(1).legs().get("bm25"));
  }

  @Test
  void should_min_max_scale_scores_when_fusing_by_score() {
    // bm25: a 10, b 6, c 2 -> 1, 0.5, 0 ; vector: c 0.9, a 0.5 -> 1, 0
    // a = 1 + 0 = 1 ; b = 0.5 ; c = 0 + 1 = 1 -> tie a/c: best rank 1 both -> key a first
    List<FusedHit> out = new ScoreFusion(Map.of()).fuse(List.of(
        list("bm25", "a", 10.0, "b", 6.0, "c", 2.0),
        list("vector", "c", 0.9, "a", 0.5)), 10);
    assertEquals(List.of("a", "c", "b"), keys(out));
    assertEquals(1.0, out.get(0).score(), 1e-12);
    assertEquals(0.5, out.get(2).score(), 1e-12);
  }

  @Test
  void should_scale_equal_scores_to_one() {
    List<FusedHit> out = new ScoreFusion(Map.of("vector", 0.5)).fuse(List.of(
        list("vector", "a", 0.7, "b", 0.7)), 10);
    assertEquals(0.5, out.get(0).score(), 1e-12);
    assertEquals(0.5, out.get(1).score(), 1e-12);
  }

  @Test
  void should_cut_to_limit() {
    List<FusedHit> out = new ReciprocalRankFusion(60, Map.of()).fuse(List.of(
        list("bm25", "a", 3.0, "b", 2.0, "c", 1.0)), 2);
    assertEquals(List.of("a", "b"), keys(out));
  }

  @Test
  void should_reject_negative_weights_and_k() {
    assertThrows(IllegalArgumentException.class, () -> new ReciprocalRankFusion(-1, Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ScoreFusion(Map.of("bm25", -1.0)));
    assertEquals("illegal weight for leg bm25: -1.0, must be >= 0", e.getMessage());
  }
}
