package io.quarry.bench.cli;

import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.backend.SearchBackend;
import io.quarry.bench.data.Suite;
import io.quarry.bench.run.ResultRow;
import io.quarry.bench.run.Runner;
import io.quarry.bench.verify.Regression;
import io.quarry.bench.verify.Verdict;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify}: runs each regression file's suite with its settings and prints OK, IMPROVED or
 * FAIL per expected score; exits 1 on any FAIL, 2 on a file it cannot read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Run regression files (expected scores with tolerances); OK, IMPROVED or FAIL per line.")
final class VerifyCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "regression YAML files")
  List<Path> files;

  @Option(names = "--work", defaultValue = "work/verify", description = "indexes and runs (default: ${DEFAULT-VALUE})")
  Path work;

  private final BackendFactory backends;
  private final Clock clock;
  private final PrintStream stdout;
  private final PrintStream stderr;

  VerifyCommand(BackendFactory backends, Clock clock, PrintStream stdout, PrintStream stderr) {
    this.backends = backends;
    this.clock = clock;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() throws Exception {
    int failed = 0;
    int checked = 0;
    List<Regression> regressions = new ArrayList<>();
    for (Path file : files) {
      try {
        regressions.add(Regression.read(file));
      } catch (IllegalArgumentException | java.nio.file.NoSuchFileException e) {
        // a broken file is a usage error (2), not a failed score (1)
        stderr.println("error: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file " + file
            : e.getMessage()));
        return 2;
      }
    }
    for (int i = 0; i < regressions.size(); i++) {
      Regression r = regressions.get(i);
      Path file = files.get(i);
      stdout.println("# " + r.name() + " (" + file + ")");
      List<ResultRow> rows = run(r);
      for (Regression.Check c : r.checks()) {
        double actual = rows.stream()
            .filter(x -> x.set().equals(c.set()) && x.category().equals(c.category()) && x.mode().equals(c.mode()))
            .mapToDouble(x -> Regression.metric(x, c.metric())).findFirst().orElse(Double.NaN);
        Verdict v = Verdict.judge(c, actual);
        stdout.println(v.line());
        checked++;
        if (v.outcome() == Verdict.Outcome.FAIL) {
          failed++;
        }
      }
    }
    stdout.println(failed == 0 ? "verified " + checked + " scores" : failed + " of " + checked + " scores FAIL");
    return failed == 0 ? 0 : 1;
  }

  private List<ResultRow> run(Regression r) throws Exception {
    Suite suite = Suite.read(r.suite());
    List<BenchMode> modes = BenchMode.parseAll(r.modes());
    // each file gets its own index directory: settings that shape the index differ between files
    Path dir = work.resolve(r.name());
    Files.createDirectories(dir);
    Runner.Options options = new Runner.Options(suite.name(), suite.select(r.sets()),
        modes, 0, dir.resolve("run.json"), null, r.settings(), 0);
    try (SearchBackend backend = backends.create(null, dir, r.settings(), stderr)) {
      return new Runner(backend, clock, "verify", stderr).run(options).run().results();
    }
  }
}
