package io.quarry.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.FakeBackend;
import io.quarry.bench.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCliTest {

  @TempDir
  Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int cli(BackendFactory backends, String... args) {
    out.reset();
    err.reset();
    return BenchCli.execute(args, backends,
        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void should_measure_ingestion_through_the_http_api() throws IOException {
    Path report = tmp.resolve("ingest.json");
    String[] args = {"ingest", "--suite", Fixtures.suite().toString(), "--set", "facts", "--batch", "2",
        "--config", "index.vectors=false", "--work", tmp.resolve("ingest").toString(), "--out", report.toString()};
    assertEquals(0, cli(BackendFactory.DEFAULT, args), stderr());
    var r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
    assertEquals(4, r.get("documents").asInt());
    assertEquals(2, r.get("accept_while_embedding").get("n").asInt(), "4 documents in jobs of 2");
    assertTrue(r.get("accept_while_embedding").get("server_p50_ms").asDouble() > 0, r.toString());
    assertEquals(30, r.get("accept_unchanged_by_batch").get("4").get("n").asInt(), r.toString());
    assertTrue(r.get("cold").get("documents_per_second").asDouble() > 0, r.toString());
    assertTrue(r.get("cached").get("documents_per_second").asDouble() > 0, r.toString());
    assertTrue(r.get("search").get("under_ingestion").get("n").asInt() >= 1, r.toString());
    assertTrue(r.get("search").has("p99_ratio"), r.toString());
    assertTrue(stdout().contains("\"p99_ratio\""), "the report is printed too");
  }

  @Test
  void should_run_the_real_engine_in_process_when_no_server_is_given() throws IOException {
    String[] args = {"run", "--suite", Fixtures.suite().toString(), "--modes", "bm25,vector,fast",
        "--work", tmp.resolve("work").toString(), "--out", tmp.resolve("run.json").toString(),
        "--history", tmp.resolve("runs").toString(), "--set", "search.rrf.k=30"};
    assertEquals(0, cli(BackendFactory.DEFAULT, args), stderr());
    var run = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("run.json").toFile());
    // the engine's whole resolved configuration is recorded, defaults and --set keys alike
    assertEquals("bge-small-en-v1.5-q", run.get("settings").get("embedding.model").asText());
    assertEquals("30", run.get("settings").get("search.rrf.k").asText());
    assertEquals("in-process", run.get("settings").get("bench.backend").asText());
    java.util.Set<String> modes = new java.util.TreeSet<>();
    run.get("results").forEach(r -> {
      modes.add(r.get("mode").asText());
      if (!r.get("mode").asText().equals("bm25")) {
        assertTrue(r.get("stages_p50_ms").has("embed"), r.toString());
      }
    });
    assertEquals(java.util.Set.of("bm25", "fast", "vector"), modes);
    assertTrue(stderr().contains("[facts] indexed"), stderr());
    // a second run reuses the indexes: nothing is indexed again
    assertEquals(0, cli(BackendFactory.DEFAULT, args), stderr());
    assertTrue(stderr().contains("[facts] reusing index"), stderr());
  }

  @Test
  void should_run_once_per_value_of_a_varied_key_and_print_an_ab_table() throws IOException {
    String[] args = {"run", "--suite", Fixtures.suite().toString(), "--sets", "news", "--modes", "fast",
        "--work", tmp.resolve("work").toString(), "--out", tmp.resolve("ab.json").toString(),
        "--history", tmp.resolve("runs").toString(), "--warmup", "0",
        "--set", "freshness.min_hits=1", "--set", "freshness.time_expressions=false",
        "--vary", "freshness.strategy=none,vector_date_filter"};
    assertEquals(0, cli(BackendFactory.DEFAULT, args), stderr());
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var none = json.readTree(tmp.resolve("ab.none.json").toFile());
    var window = json.readTree(tmp.resolve("ab.vector_date_filter.json").toFile());
    assertEquals("vector_date_filter", window.get("settings").get("freshness.strategy").asText());
    // w1 is asked on 2023-06-15 "this week": the 14-day window keeps the old document out of its top
    java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, Double> fresh = run -> {
      for (var r : run.get("results")) {
        if (r.get("category").asText().equals("freshness")) {
          return r.get("fresh@10").asDouble();
        }
      }
      throw new AssertionError("no freshness row in " + run);
    };
    double freshNone = fresh.apply(none);
    double freshWindow = fresh.apply(window);
    assertTrue(freshWindow > freshNone, freshNone + " -> " + freshWindow);
    assertTrue(stdout().contains("| set | mode | freshness.strategy | nDCG@10 |"), stdout());
    assertTrue(stdout().contains("| news | fast | none |"), stdout());
    assertTrue(stdout().contains("| news | fast | vector_date_filter |"), stdout());
  }

  @Test
  void should_run_compare_and_report_when_given_a_backend() throws IOException {
    BackendFactory fake = (server, work, settings, progress) -> new FakeBackend();
    String suite = Fixtures.suite().toString();
    String history = tmp.resolve("runs").toString();
    for (int i = 0; i < 2; i++) {
      int code = cli(fake, "run", "--suite", suite, "--modes", "bm25,deep", "--sets", "facts",
          "--max-queries", "3", "--out", tmp.resolve("run.json").toString(), "--history",
          history);
      assertEquals(0, code, stderr());
    }
    assertTrue(stdout().contains("factual       facts                deep                  2  0.6799"),
        stdout());
    assertTrue(stdout().contains("skipped (no relevant document in the qrels, run but not"
        + " evaluated): facts 0"), stdout()); // q4 is past --max-queries 3
    assertTrue(stderr().contains("[facts/bm25] 3/3 queries"), stderr());
    assertTrue(Files.exists(tmp.resolve("run.facts.deep.trec")));

    // --max-queries 3 leaves out q4, so the factual latencies are [10, 20]: p50 15
    assertEquals(0, cli(fake, "compare", "--history", history), stderr());
    assertTrue(stdout().contains("factual       facts                bm25        15.0      15.0"
        + "      0.6799      0.6799  stable"), stdout());

    assertEquals(0, cli(fake, "report", "--history", history), stderr());
    assertTrue(Files.readString(tmp.resolve("runs/report.html")).contains("<img src=\"quality-ndcg.png\""));
    assertTrue(Files.size(tmp.resolve("runs/quality-ndcg.png")) > 1000, "the plot is written beside the page");
  }

  @Test
  void should_reject_options_when_they_cannot_apply() throws IOException {
    String suite = Fixtures.suite().toString();
    assertEquals(2, cli(BackendFactory.DEFAULT, "run", "--suite", suite, "--modes", "hybrid"));
    assertTrue(stderr().contains("illegal mode: 'hybrid', must be one of bm25, vector, graph,"
        + " fast, deep, auto"), stderr());
    assertEquals(2, cli(BackendFactory.DEFAULT, "run", "--suite", suite, "--server",
        "http://127.0.0.1:1", "--set", "a=b"));
    assertTrue(stderr().contains("--set configures the in-process engine"), stderr());
    assertEquals(2, cli(BackendFactory.DEFAULT, "run", "--suite", suite, "--sets", "nope"));
    assertTrue(stderr().contains("unknown set: 'nope'"), stderr());
    assertEquals(2, cli(BackendFactory.DEFAULT, "compare", "--history",
        tmp.resolve("empty").toString()));
    assertTrue(stderr().contains("compare needs two runs"), stderr());
  }
}
