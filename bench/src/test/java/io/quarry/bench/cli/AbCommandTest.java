package io.quarry.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.FakeBackend;
import io.quarry.bench.Fixtures;
import io.quarry.bench.backend.BackendQuery;
import io.quarry.bench.backend.BackendResult;
import io.quarry.bench.backend.IndexStats;
import io.quarry.bench.backend.SearchBackend;
import io.quarry.bench.data.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry-bench ab}: two configurations of one suite in one run, interleaved query by
 * query, with B's signal against A and the paired test per category.
 */
class AbCommandTest {

  @TempDir Path tmp;

  /** The fake engine; with {@code fake.reverse=true}, every ranking upside down (a worse B). */
  private static final class Sided implements SearchBackend {
    final FakeBackend inner = new FakeBackend();
    final boolean reverse;
    final String side;
    final List<String> log;

    Sided(boolean reverse, String side, List<String> log) {
      this.reverse = reverse;
      this.side = side;
      this.log = log;
    }

    @Override
    public String describe() {
      return "fake-" + side;
    }

    @Override
    public IndexStats index(String setName, Corpus corpus) throws IOException {
      return inner.index(setName, corpus);
    }

    @Override
    public BackendResult search(BackendQuery query) {
      log.add(side + ":" + query.text());
      BackendResult r = inner.search(query);
      if (!reverse) {
        return r;
      }
      List<io.quarry.bench.backend.RankedHit> hits = new ArrayList<>(r.hits());
      java.util.Collections.reverse(hits);
      return new BackendResult(hits, r.partial(), r.latencyMs() * 2);
    }

    @Override
    public void close() {}
  }

  @Test
  void should_interleave_the_sides_and_flag_the_worse_one() throws Exception {
    List<String> log = new ArrayList<>();
    BackendFactory factory = (server, work, settings, progress) -> {
      boolean b = work.getFileName().toString().equals("b");
      return new Sided("true".equals(settings.get("fake.reverse")), b ? "B" : "A", log);
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = BenchCli.execute(new String[] {"ab", "--suite", Fixtures.suite().toString(), "--sets", "facts",
        "--modes", "bm25", "--set", "b.fake.reverse=true", "--warmup", "0", "--work", tmp.resolve("work").toString(),
        "--out", tmp.resolve("ab.json").toString()}, factory,
        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, stdout + err);
    // query by query, A first then B first, alternating
    List<String> firstFour = log.subList(0, 4);
    assertEquals(List.of("A", "B", "B", "A"), firstFour.stream().map(s -> s.substring(0, 1)).toList(), log.toString());
    assertEquals(log.get(0).substring(2), log.get(1).substring(2), "the same query on both sides back to back");
    assertTrue(Files.exists(tmp.resolve("ab.a.json")) && Files.exists(tmp.resolve("ab.b.json")));
    assertTrue(stdout.contains("B: {fake.reverse=true}"), stdout);
    // facts/factual: "alpha question" and "beta question"; B ranks them reversed, twice as slowly
    String factual = stdout.lines().filter(l -> l.startsWith("| facts | factual | bm25 |")).findFirst().orElseThrow();
    String[] cells = factual.split("\\|");
    double ndcgA = Double.parseDouble(cells[5].strip());
    double ndcgB = Double.parseDouble(cells[6].strip());
    assertTrue(Math.abs(ndcgB - ndcgA) > 0.01, "reversed rankings score otherwise: " + factual);
    assertEquals(ndcgB - ndcgA, Double.parseDouble(cells[7].strip()), 1e-4, "delta is B - A");
    assertEquals(2 * Double.parseDouble(cells[9].strip()), Double.parseDouble(cells[10].strip()), 1e-9, factual);
    assertTrue(factual.strip().endsWith("regression |"), "B is twice as slow: " + factual);
  }

  @Test
  void should_ask_what_differs_between_the_sides() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = BenchCli.execute(new String[] {"ab", "--suite", Fixtures.suite().toString(), "--set", "search.fusion=rrf"},
        BackendFactory.DEFAULT, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, exit);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--set a.KEY=V and/or --set b.KEY=V"), err.toString());
  }
}
