package io.quarry.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryEvaluatorTest {

  private static final Qrels QRELS = Qrels.of(Map.of(
      "q1", Map.of("a", 1, "b", 1),
      "q0", Map.of("z", 0)));

  @Test
  void should_skip_query_when_it_has_no_relevant_document() {
    QueryEvaluator evaluator = new QueryEvaluator(QRELS, null, null);
    assertEquals(Optional.empty(), evaluator.evaluate("q0", List.of("z"), null));
    assertEquals(Optional.empty(), evaluator.evaluate("unjudged", List.of("a"), null));
  }

  @Test
  void should_report_quality_metrics_only_when_corpus_is_undated() {
    QueryEvaluator evaluator = new QueryEvaluator(QRELS, null, Map.of("q1", Set.of("a")));
    QueryScores s = evaluator.evaluate("q1", List.of("x", "a"), LocalDate.parse("2023-01-01"))
        .orElseThrow();
    assertEquals(EnumSet.range(Metric.NDCG_10, Metric.MRR_10), s.values().keySet());
    assertEquals(evaluator.metrics(), s.values().keySet());
    // IDCG = 1 + 1/log2(3) = 1.6309297536; DCG = 1/log2(3) = 0.6309297536 -> 0.3868528072
    assertEquals(0.38685280723454163, s.values().get(Metric.NDCG_10), 1e-12);
    assertEquals(0.5, s.values().get(Metric.RECALL_2), 1e-12);
    assertEquals(0.5, s.values().get(Metric.MRR_10), 1e-12);
  }

  @Test
  void should_add_freshness_metrics_when_corpus_is_dated() {
    Map<String, LocalDate> dates = Map.of("a", LocalDate.parse("2023-01-01"),
        "x", LocalDate.parse("2023-03-01"));
    QueryEvaluator evaluator = new QueryEvaluator(QRELS, dates, Map.of("q1", Set.of("x")));
    QueryScores s = evaluator.evaluate("q1", List.of("x", "a"), LocalDate.parse("2023-01-10"))
        .orElseThrow();
    // a: age 9 -> fresh; x: age -50 -> leak; top hit x is stale
    assertEquals(0.5, s.values().get(Metric.FRESH_10), 1e-12);
    assertEquals(0.5, s.values().get(Metric.FUTURE_LEAK_10), 1e-12);
    assertEquals(1.0, s.values().get(Metric.STALE_ANSWER_1), 1e-12);
  }

  @Test
  void should_leave_out_date_metrics_when_query_has_no_reference_date() {
    Map<String, LocalDate> dates = Map.of("a", LocalDate.parse("2023-01-01"));
    QueryEvaluator evaluator = new QueryEvaluator(QRELS, dates, null);
    QueryScores s = evaluator.evaluate("q1", List.of("a"), null).orElseThrow();
    assertTrue(s.get(Metric.FRESH_10).isEmpty());
    assertTrue(s.get(Metric.STALE_ANSWER_1).isEmpty());
    assertEquals(1.0, s.values().get(Metric.RECALL_10) * 2, 1e-12);
  }
}
