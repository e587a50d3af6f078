package io.quarry.bench.run;

import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.backend.IndexStats;
import io.quarry.bench.backend.SearchBackend;
import io.quarry.bench.data.BenchQuery;
import io.quarry.bench.data.SuiteSet;
import io.quarry.core.eval.Metric;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The same suite under two configurations in one run, interleaved query by query: each query runs
 * on A and on B back to back, A first on even queries and B first on odd ones, so a noisy
 * neighbour, a JIT or a GC pause falls on both alike. Writes a {@code run.json} per side and keeps
 * the per-query nDCG@10 pairs for a paired test.
 */
public final class AbRunner {

  /**
   * @param pairs per {@code set|category|mode}: A's and B's nDCG@10 of each judged query, in order
   */
  public record Outcome(RunFile a, RunFile b, Map<String, Pairs> pairs) {}

  /** Per-query scores of the two sides, index by index the same query. */
  public record Pairs(double[] a, double[] b) {}

  public static String key(String set, String category, String mode) {
    return set + "|" + category + "|" + mode;
  }

  private final SearchBackend a;
  private final SearchBackend b;
  private final Clock clock;
  private final String git;
  private final PrintStream progress;

  public AbRunner(SearchBackend a, SearchBackend b, Clock clock, String git, PrintStream progress) {
    this.a = Objects.requireNonNull(a, "a");
    this.b = Objects.requireNonNull(b, "b");
    this.clock = clock;
    this.git = git;
    this.progress = progress;
  }

  /**
   * @param optionsA A's options (its {@code out} is A's run.json); B shares them but for
   *     {@code settingsB} and {@code outB}
   */
  public Outcome run(Runner.Options optionsA, Map<String, String> settingsB, Path outB) throws IOException {
    Runner.Options optionsB = new Runner.Options(optionsA.suite(), optionsA.sets(), optionsA.modes(),
        optionsA.maxQueries(), outB, null, settingsB, optionsA.warmup());
    String started = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    List<IndexRow> indexA = new ArrayList<>();
    List<IndexRow> indexB = new ArrayList<>();
    List<ResultRow> resultsA = new ArrayList<>();
    List<ResultRow> resultsB = new ArrayList<>();
    Map<String, Pairs> pairs = new LinkedHashMap<>();
    for (SuiteSet set : optionsA.sets()) {
      SetData data = SetData.load(set, optionsA.maxQueries());
      progress.printf(Locale.ROOT, "[%s] %d queries; indexing for A and B%n", set.name(), data.queries().size());
      IndexStats sa = a.index(set.name(), data.corpus());
      IndexStats sb = b.index(set.name(), data.corpus());
      indexA.add(IndexRow.of(set.name(), sa));
      indexB.add(IndexRow.of(set.name(), sb));
      for (BenchMode mode : optionsA.modes()) {
        List<BenchQuery> warm = data.queries().subList(0, Math.min(optionsA.warmup(), data.queries().size()));
        for (BenchQuery q : warm) {
          Runner.measure(a, data, q, mode);
          Runner.measure(b, data, q, mode);
        }
        List<QueryOutcome> oa = new ArrayList<>();
        List<QueryOutcome> ob = new ArrayList<>();
        for (int i = 0; i < data.queries().size(); i++) {
          BenchQuery q = data.queries().get(i);
          if (i % 2 == 0) {
            oa.add(Runner.measure(a, data, q, mode));
            ob.add(Runner.measure(b, data, q, mode));
          } else {
            ob.add(Runner.measure(b, data, q, mode));
            oa.add(Runner.measure(a, data, q, mode));
          }
        }
        progress.printf(Locale.ROOT, "[%s/%s] %d queries on A and B%n", set.name(), mode.wireName(), oa.size());
        resultsA.addAll(ResultRows.of(set.name(), mode.wireName(), oa, data.evaluator().metrics()));
        resultsB.addAll(ResultRows.of(set.name(), mode.wireName(), ob, data.evaluator().metrics()));
        collectPairs(set.name(), mode.wireName(), oa, ob, pairs);
      }
    }
    RunFile runA = new RunFile(optionsA.suite(), started, git, Runner.settings(a, optionsA), indexA, resultsA);
    RunFile runB = new RunFile(optionsA.suite(), started, git, Runner.settings(b, optionsB), indexB, resultsB);
    RunJson.write(optionsA.out(), runA);
    RunJson.write(outB, runB);
    return new Outcome(runA, runB, pairs);
  }

  private static void collectPairs(String set, String mode, List<QueryOutcome> oa, List<QueryOutcome> ob,
      Map<String, Pairs> into) {
    Map<String, List<double[]>> byCategory = new LinkedHashMap<>();
    for (int i = 0; i < oa.size(); i++) {
      QueryOutcome x = oa.get(i);
      QueryOutcome y = ob.get(i);
      if (x.scores() == null || y.scores() == null) {
        continue; // not judged: no row counts it either
      }
      byCategory.computeIfAbsent(x.query().category(), c -> new ArrayList<>())
          .add(new double[] {x.scores().values().get(Metric.NDCG_10), y.scores().values().get(Metric.NDCG_10)});
    }
    byCategory.forEach((category, list) -> {
      double[] pa = new double[list.size()];
      double[] pb = new double[list.size()];
      for (int i = 0; i < list.size(); i++) {
        pa[i] = list.get(i)[0];
        pb[i] = list.get(i)[1];
      }
      into.put(key(set, category, mode), new Pairs(pa, pb));
    });
  }
}
