package io.quarry.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry-bench verify} on the CI regression file: the fixture suite on the real engine
 * gives the pinned scores; a file expecting more fails, one expecting less says IMPROVED.
 */
class VerifyTest {

  static final Path REGRESSION = Path.of("src/test/resources/regressions/fixture.yaml");

  @TempDir Path tmp;

  private record Result(int exit, String out, String err) {}

  private Result verify(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = BenchCli.execute(new String[] {"verify", file.toString(), "--work", tmp.resolve("work").toString()},
        BackendFactory.DEFAULT, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void should_verify_the_fixture_regression() {
    Result r = verify(REGRESSION);
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("verified 8 scores"), r.out());
    assertEquals(8, r.out().lines().filter(l -> l.startsWith("OK ")).count(), r.out());
  }

  @Test
  void should_give_scifact_its_bm25_scores_to_four_decimals() {
    // the shared datasets sit beside the checkout, in CI as here
    Result r = verify(Path.of("regressions/scifact-bm25.yaml"));
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("OK       scifact/factual bm25 ndcg@10 0.6974"), r.out());
  }

  @Test
  void should_fail_a_score_below_its_tolerance_and_call_one_above_improved() throws Exception {
    String yaml = Files.readString(REGRESSION).replace("../fixture/suite.json",
        REGRESSION.toAbsolutePath().getParent().resolve("../fixture/suite.json").normalize().toString());
    // one BM25 check expects more than the engine gives, another less
    yaml = yaml.replace("mode: bm25, metric: ndcg@10, expected: 0.7602", "mode: bm25, metric: ndcg@10, expected: 0.7603")
        .replace("mode: bm25, metric: recall@2, expected: 0.5", "mode: bm25, metric: recall@2, expected: 0.4");
    Path doctored = tmp.resolve("doctored.yaml");
    Files.writeString(doctored, yaml);
    Result r = verify(doctored);
    assertEquals(1, r.exit(), r.out() + r.err());
    // BM25 is pinned exactly: 0.0001 below is a FAIL
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FAIL") && l.contains("news/freshness bm25 ndcg@10 0.7602")),
        r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("IMPROVED") && l.contains("news/freshness bm25 recall@2")),
        r.out());
    assertTrue(r.out().contains("1 of 8 scores FAIL"), r.out());
  }

  @Test
  void should_refuse_a_latency_check_naming_the_line() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "suite: x.json\nmodes: [bm25]\nchecks:\n  - {set: a, category: b, mode: bm25, metric: p50_ms,"
        + " expected: 3}\n");
    Result r = verify(bad);
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("checks[0]: metric 'p50_ms' is not a quality metric"), r.err());
  }
}
