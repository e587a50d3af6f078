package io.quarry.bench.cli;

import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.backend.SearchBackend;
import io.quarry.bench.compare.Comparison;
import io.quarry.bench.compare.PairedTest;
import io.quarry.bench.data.Suite;
import io.quarry.bench.run.AbRunner;
import io.quarry.bench.run.GitHead;
import io.quarry.bench.run.ResultRow;
import io.quarry.bench.run.Runner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ab}: one suite under two flag settings in one run, interleaved query by query, with the
 * signal of B against A and a paired randomization test on per-query nDCG@10 per category: the
 * way to decide a flag's default.
 */
@Command(name = "ab", mixinStandardHelpOptions = true,
    description = "Run a suite under two settings (--set a.KEY=V --set b.KEY=V), interleaved per query,"
        + " with signals and a paired randomization test per category.")
final class AbCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--suite", required = true, description = "suite.json")
  Path suite;

  @Option(names = "--sets", split = ",", description = "sets to run (default: all)")
  List<String> sets = new ArrayList<>();

  @Option(names = "--modes", split = ",", defaultValue = "fast", description = "default: ${DEFAULT-VALUE}")
  List<String> modes;

  @Option(names = "--set", description = "a.KEY=V for A, b.KEY=V for B, KEY=V for both (repeatable)")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--max-queries", defaultValue = "0", description = "per set; 0 = all")
  int maxQueries;

  @Option(names = "--warmup", defaultValue = "10", description = "untimed queries per side first")
  int warmup;

  @Option(names = "--rounds", defaultValue = "10000", description = "sign flips of the randomization test")
  int rounds;

  @Option(names = "--seed", defaultValue = "1", description = "the randomization test's seed")
  long seed;

  @Option(names = "--work", defaultValue = "work/ab", description = "indexes, one directory per side")
  Path work;

  @Option(names = "--out", defaultValue = "ab.json", description = "writes <stem>.a.json and <stem>.b.json")
  Path out;

  private final BackendFactory backends;
  private final Clock clock;
  private final PrintStream stdout;
  private final PrintStream stderr;

  AbCommand(BackendFactory backends, Clock clock, PrintStream stdout, PrintStream stderr) {
    this.backends = backends;
    this.clock = clock;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> a = new LinkedHashMap<>();
    Map<String, String> b = new LinkedHashMap<>();
    boolean sided = false;
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("a.") || k.startsWith("b.")) {
        (k.startsWith("a.") ? a : b).put(k.substring(2), e.getValue());
        sided = true;
      } else {
        a.putIfAbsent(k, e.getValue());
        b.putIfAbsent(k, e.getValue());
      }
    }
    if (!sided) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give what differs: --set a.KEY=V and/or --set b.KEY=V (e.g. --set a.search.fusion=score --set b.search.fusion=rrf)");
    }
    List<BenchMode> parsedModes;
    try {
      parsedModes = BenchMode.parseAll(modes);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Suite s = Suite.read(suite);
    String stem = out.getFileName().toString().replaceFirst("\\.json$", "");
    Path outA = out.resolveSibling(stem + ".a.json");
    Path outB = out.resolveSibling(stem + ".b.json");
    Runner.Options options = new Runner.Options(s.name(), s.select(sets), parsedModes, maxQueries, outA, null, a,
        warmup);
    AbRunner.Outcome o;
    try (SearchBackend sa = backends.create(null, work.resolve("a"), a, stderr);
        SearchBackend sb = backends.create(null, work.resolve("b"), b, stderr)) {
      o = new AbRunner(sa, sb, clock, GitHead.of(Path.of("").toAbsolutePath()), stderr).run(options, b, outB);
    }
    stdout.println("A: " + a);
    stdout.println("B: " + b);
    stdout.print(table(o));
    stdout.println("wrote " + outA + " and " + outB);
    return 0;
  }

  private String table(AbRunner.Outcome o) {
    Map<String, ResultRow> rowsB = new LinkedHashMap<>();
    o.b().results().forEach(r -> rowsB.put(AbRunner.key(r.set(), r.category(), r.mode()), r));
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
        "%n| set | category | mode | queries | nDCG@10 A | nDCG@10 B | delta | p | P50 A ms | P50 B ms | signal |%n"
            + "|---|---|---|---|---|---|---|---|---|---|---|%n"));
    for (ResultRow ra : o.a().results()) {
      String key = AbRunner.key(ra.set(), ra.category(), ra.mode());
      ResultRow rb = rowsB.get(key);
      if (rb == null) {
        continue;
      }
      AbRunner.Pairs p = o.pairs().get(key);
      double pValue = p == null ? 1.0 : PairedTest.randomization(p.a(), p.b(), rounds, seed);
      String signal = Comparison.signal(ra.p50Ms(), rb.p50Ms(), ra.ndcg10(), rb.ndcg10()).wireName();
      t.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.4f | %.4f | %+.4f | %.4f%s | %.1f | %.1f | %s |%n",
          ra.set(), ra.category(), ra.mode(), ra.queries(), ra.ndcg10(), rb.ndcg10(), rb.ndcg10() - ra.ndcg10(),
          pValue, pValue < 0.05 ? " *" : "", ra.p50Ms(), rb.p50Ms(), signal));
    }
    t.append("\n* p < 0.05: the nDCG@10 difference is unlikely to be chance (paired randomization test, ")
        .append(rounds).append(" sign flips). signal: B against A, as compare gives it.\n");
    return t.toString();
  }
}
