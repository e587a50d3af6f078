package io.quarry.bench.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.bench.cli.BackendFactory;
import io.quarry.bench.cli.BenchCli;
import io.quarry.embeddings.rerank.CrossEncoderReranker;
import io.quarry.embeddings.rerank.RerankerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry-bench rerank train} end to end on a small synthetic set: a real index built with
 * Quarry's defaults, negatives mined from its fast path, MiniLM trained for an epoch with DJL,
 * the validation slice measured, and a model directory {@code rerank.model} loads. And the
 * refusal of data too small to validate.
 */
class RerankTrainCommandTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int cli(String... args) {
    return BenchCli.execute(args, BackendFactory.DEFAULT, Clock.systemUTC(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** {@code n} topics, each with one judged answer and three unjudged pages that repeat its name. */
  private Path[] write(int n) throws Exception {
    List<String> docs = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    List<String> qrels = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
    for (int i = 0; i < n; i++) {
      String t = "topic" + i;
      docs.add("{\"_id\": \"a" + i + "\", \"title\": \"Notes\", \"text\": \"verified answer: " + t + " is well studied.\"}");
      for (int j = 0; j < 3; j++) {
        docs.add("{\"_id\": \"c" + i + "-" + j + "\", \"title\": \"" + t + "\", \"text\": \"" + t + " " + t
            + " chatter number " + j + " about " + t + ".\"}");
      }
      queries.add("{\"_id\": \"q" + i + "\", \"text\": \"what is known about " + t + "\"}");
      qrels.add("q" + i + "\ta" + i + "\t1");
    }
    Path c = Files.write(tmp.resolve("corpus.jsonl"), docs);
    Path q = Files.write(tmp.resolve("queries.jsonl"), queries);
    Path r = Files.write(tmp.resolve("qrels.tsv"), qrels);
    return new Path[] {c, q, r};
  }

  @Test
  void trainsAModelThatRerankModelLoadsAndReportsTheValidationSlice() throws Exception {
    Path[] set = write(60);
    Path model = tmp.resolve("model");
    int code = cli("rerank", "train", "--corpus", set[0].toString(), "--queries", set[1].toString(),
        "--qrels", set[2].toString(), "--out", model.toString(), "--data", tmp.resolve("data").toString(),
        "--epochs", "1", "--group-size", "4", "--groups-per-step", "4", "--max-length", "48",
        "--window", "6", "--candidates", "8", "--lr", "1e-4");
    String log = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, log);
    assertTrue(log.contains("60 judged queries: 48 to train on, 12 held out to validate"), log);
    assertTrue(log.contains("epoch 1/1"), "a progress line: " + log);

    JsonNode card = new ObjectMapper().readTree(model.resolve("quarry-rerank.json").toFile());
    double weight = card.get("blend_weight").asDouble();
    assertTrue(weight >= 0 && weight <= 1, card.toString());
    assertEquals(48, card.get("max_length").asInt());
    JsonNode report = card.get("report");
    assertEquals(12, report.get("validation_queries").asInt());
    assertEquals(48, report.get("training_groups").asInt());
    // the chosen share is the best of a grid that includes 0 (the first stage's own order)
    assertTrue(report.get("blended").get("ndcg@10").asDouble() >= report.get("first_stage").get("ndcg@10").asDouble(),
        report.toString());
    assertTrue(report.get("pairs_per_second").asDouble() > 0, report.toString());
    String summary = out.toString(StandardCharsets.UTF_8);
    assertTrue(summary.contains("first stage (fast)") && summary.contains("--set rerank.model="), summary);

    assertEquals(12, Files.readAllLines(model.resolve("validation-queries.jsonl")).size());

    try (CrossEncoderReranker r = CrossEncoderReranker.open(RerankerConfig.of(model))) {
      assertEquals(weight, r.blendWeight(), 1e-12, "the stored share comes with the model");
      assertEquals(2, r.score("what is known about topic1", List.of("a", "b")).length);
    }
  }

  @Test
  void refusesTooFewJudgedQueriesAndSaysHowMany() throws Exception {
    Path[] set = write(12);
    int code = cli("rerank", "train", "--corpus", set[0].toString(), "--queries", set[1].toString(),
        "--qrels", set[2].toString(), "--out", tmp.resolve("m").toString());
    String log = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, log);
    assertTrue(log.contains("too few judged queries") && log.contains(": 12 in ") && log.contains("at least 50"), log);
    assertTrue(Files.notExists(tmp.resolve("m")), "nothing written");
  }
}
