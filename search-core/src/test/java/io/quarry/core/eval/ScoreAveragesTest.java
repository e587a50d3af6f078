package io.quarry.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreAveragesTest {

  @Test
  void should_average_each_metric_over_queries_where_defined() {
    ScoreAverages avg = ScoreAverages.of(List.of(
        new QueryScores("q1", Map.of(Metric.NDCG_10, 1.0, Metric.FRESH_10, 0.2)),
        new QueryScores("q2", Map.of(Metric.NDCG_10, 0.5)),
        new QueryScores("q3", Map.of(Metric.NDCG_10, 0.0, Metric.FRESH_10, 0.6))));
    assertEquals(3, avg.queries());
    // (1 + 0.5 + 0) / 3 = 0.5
    assertEquals(0.5, avg.mean(Metric.NDCG_10).getAsDouble(), 1e-12);
    // fresh is defined for q1 and q3 only: (0.2 + 0.6) / 2 = 0.4
    assertEquals(0.4, avg.mean(Metric.FRESH_10).getAsDouble(), 1e-12);
    assertEquals(2, avg.count(Metric.FRESH_10));
    assertTrue(avg.mean(Metric.STALE_ANSWER_1).isEmpty());
  }

  @Test
  void should_be_empty_when_no_query_evaluated() {
    ScoreAverages avg = ScoreAverages.of(List.of());
    assertEquals(0, avg.queries());
    assertTrue(avg.mean(Metric.NDCG_10).isEmpty());
  }

  @Test
  void should_reject_score_when_outside_unit_interval() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new QueryScores("q", Map.of(Metric.MRR_10, 1.5)));
    assertEquals("illegal value for mrr@10 of query 'q': 1.5, must be in [0, 1]", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new QueryScores("q", Map.of(Metric.MRR_10, Double.NaN)));
  }
}
