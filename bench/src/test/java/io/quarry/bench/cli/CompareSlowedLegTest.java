package io.quarry.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.FakeBackend;
import io.quarry.bench.Fixtures;
import io.quarry.bench.backend.BackendQuery;
import io.quarry.bench.backend.BackendResult;
import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.backend.IndexStats;
import io.quarry.bench.backend.SearchBackend;
import io.quarry.bench.data.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} on two runs, the second with one leg deliberately slowed: the regression
 * signal lands on that leg's rows and on no others. The engine is the fake one, whose latencies
 * are fixed numbers, so the test measures no clock.
 */
class CompareSlowedLegTest {

  @TempDir Path tmp;

  /** The fake engine with the BM25 leg three times slower. */
  private static final class SlowBm25 implements SearchBackend {
    private final FakeBackend inner = new FakeBackend();

    @Override
    public String describe() {
      return "fake-slow-bm25";
    }

    @Override
    public IndexStats index(String setName, Corpus corpus) throws IOException {
      return inner.index(setName, corpus);
    }

    @Override
    public BackendResult search(BackendQuery query) {
      BackendResult r = inner.search(query);
      return query.mode() == BenchMode.BM25 ? new BackendResult(r.hits(), r.partial(), r.latencyMs() * 3) : r;
    }

    @Override
    public void close() {}
  }

  private String cli(BackendFactory factory, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = BenchCli.execute(args, factory, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, exit, out + err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void should_signal_a_regression_on_the_slowed_legs_rows_and_no_others() throws Exception {
    String suite = Fixtures.suite().toString();
    Path before = tmp.resolve("before.json");
    Path after = tmp.resolve("after.json");
    cli((s, w, set, p) -> new FakeBackend(), "run", "--suite", suite, "--modes", "bm25,fast", "--warmup", "0",
        "--out", before.toString(), "--history", tmp.resolve("runs").toString());
    cli((s, w, set, p) -> new SlowBm25(), "run", "--suite", suite, "--modes", "bm25,fast", "--warmup", "0",
        "--out", after.toString(), "--history", tmp.resolve("runs").toString());
    String table = cli(BackendFactory.DEFAULT, "compare", before.toString(), after.toString());
    List<String> rows = table.lines().filter(l -> l.matches("^\\w+\\s+\\w+\\s+(bm25|fast)\\s.*")).toList();
    assertEquals(8, rows.size(), table); // 2 sets x 2 categories x 2 modes
    for (String row : rows) {
      boolean bm25 = row.split("\\s+")[2].equals("bm25");
      assertTrue(row.endsWith(bm25 ? "regression" : "stable"), row);
    }
  }
}
