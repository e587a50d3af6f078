package io.quarry.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarry.bench.run.TrecRunReader;
import io.quarry.core.eval.Metric;
import io.quarry.core.eval.QueryEvaluator;
import io.quarry.core.eval.QueryScores;
import io.quarry.core.eval.Qrels;
import io.quarry.core.eval.ScoreAverages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the real shared datasets (QUARRY_DATASETS, else ../shared/datasets beside the repository) and checks the
 * counts their SOURCE.md files state, and re-scores RealTime QA's GCS run against numbers taken
 * from trec_eval. Skipped, with a message, when the directory is absent.
 */
class SharedDatasetsTest {

  private static Path root;

  @BeforeAll
  static void locate() {
    String env = System.getenv("QUARRY_DATASETS");
    root = env != null && !env.isBlank() ? Path.of(env) : besideRepository();
  }

  /**
   * {@code ../shared/datasets} next to the repository this test runs in: the repository root is
   * the nearest directory up from the working directory that holds {@code .ci}.
   */
  static Path besideRepository() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".ci"))) {
        return p.resolveSibling("shared").resolve("datasets");
      }
    }
    return Path.of("../shared/datasets").toAbsolutePath();
  }

  private static void assumeData() {
    assumeTrue(Files.isRegularFile(root.resolve("suite.json")), "shared datasets not found at "
        + root + " (set QUARRY_DATASETS to the datasets directory); skipping");
  }

  @Test
  void should_match_source_counts_when_reading_scifact() throws IOException {
    assumeData();
    Suite suite = Suite.read(root.resolve("suite.json"));
    assertEquals(5, suite.sets().size());
    SuiteSet scifact = suite.select(List.of("scifact")).get(0);
    assertEquals(new CorpusStats(5183, 0, 5183), new Corpus(scifact.corpus()).forEach(d -> { }));
    List<BenchQuery> queries = Queries.read(scifact.queries());
    assertEquals(809, queries.size());
    assertEquals(809, queries.stream().filter(q -> q.category().equals("factual")).count());
    Qrels qrels = Qrels.read(scifact.qrels());
    assertEquals(919, qrels.judgmentCount());
    assertEquals(809, qrels.queryIds().size());
  }

  @Test
  void should_match_source_counts_when_reading_realtimeqa() throws IOException {
    assumeData();
    Suite suite = Suite.read(root.resolve("suite.json"));
    SuiteSet rtqa = suite.select(List.of("realtimeqa")).get(0);
    assertEquals(new CorpusStats(11653, 0, 28), new Corpus(rtqa.corpus()).forEach(d -> { }));
    List<BenchQuery> queries = Queries.read(rtqa.queries());
    assertEquals(2198, queries.size());
    assertEquals(2198, queries.stream().filter(q -> q.asOf() != null).count());
    Qrels qrels = Qrels.read(rtqa.qrels());
    assertEquals(829, queries.stream().filter(q -> qrels.hasRelevant(q.id())).count());
    assertEquals(1681, qrels.judgmentCount());

    List<BenchQuery> temporal = Queries.read(
        suite.select(List.of("realtimeqa-temporal")).get(0).queries());
    assertEquals(829, temporal.size());
    // only some temporal questions carry as_of; the rest have only the quiz date
    assertEquals(426, temporal.stream().filter(q -> q.asOf() != null).count());
    assertEquals(829, temporal.stream().filter(q -> q.referenceDate() != null).count());
    // 1,842 lines, two of them exact repeats: 1,840 distinct (query, document) pairs
    assertEquals(1840, StaleAnswers.besideQrels(rtqa.qrels()).orElseThrow().values().stream()
        .mapToInt(java.util.Set::size).sum());
  }

  /**
   * The GCS run re-scored by our metric code. Quality numbers are trec_eval's (Anserini 1.5.0
   * fat jar, {@code trec_eval -c -m ndcg_cut.10 -m recall.5,100}, on the run with its 56
   * duplicate lines removed, which trec_eval otherwise refuses): 0.7877 / 0.8006 / 0.9245.
   * SOURCE.md's 0.785 comes from 2^g - 1 gains over the run with duplicates counted.
   */
  @Test
  void should_agree_with_trec_eval_when_rescoring_gcs_run() throws IOException {
    assumeData();
    Path dir = root.resolve("realtimeqa");
    Qrels qrels = Qrels.read(dir.resolve("qrels.tsv"));
    Map<String, BenchQuery> queries = Queries.read(dir.resolve("queries.jsonl.gz")).stream()
        .collect(Collectors.toMap(BenchQuery::id, Function.identity()));
    Map<String, LocalDate> days = new HashMap<>();
    new Corpus(dir.resolve("corpus.jsonl.gz")).forEach(d -> {
      if (d.date() != null) {
        days.put(d.id(), d.date().day());
      }
    });
    QueryEvaluator evaluator = new QueryEvaluator(qrels, days,
        StaleAnswers.besideQrels(dir.resolve("qrels.tsv")).orElseThrow());
    Map<String, List<String>> run = TrecRunReader.read(dir.resolve("baseline_gcs.run.gz"));
    List<QueryScores> scores = new ArrayList<>();
    for (String qid : qrels.queryIds()) {
      evaluator.evaluate(qid, run.getOrDefault(qid, List.of()), queries.get(qid).referenceDate())
          .ifPresent(scores::add);
    }
    ScoreAverages avg = ScoreAverages.of(scores);
    assertEquals(829, avg.queries());
    assertEquals(0.7877, avg.mean(Metric.NDCG_10).getAsDouble(), 5e-5);
    assertEquals(0.8006, avg.mean(Metric.RECALL_5).getAsDouble(), 5e-5);
    assertEquals(0.9245, avg.mean(Metric.RECALL_100).getAsDouble(), 5e-5);
    // freshness: 821 judged questions have at least one dated hit (8 have none)
    assertEquals(821, avg.count(Metric.FRESH_10));
    assertEquals(0.3684, avg.mean(Metric.FRESH_10).getAsDouble(), 5e-5);
    assertEquals(0.0109, avg.mean(Metric.FUTURE_LEAK_10).getAsDouble(), 5e-5);
    assertEquals(0.0682, avg.mean(Metric.STALE_ANSWER_1).getAsDouble(), 5e-5);
  }
}
