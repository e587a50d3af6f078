package io.quarry.bench.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code quarry-bench}: the benchmark runner's command line. Subcommands {@code run},
 * {@code compare} and {@code report} (BENCHMARK.md), {@code ingest} (ingestion's costs), {@code verify},
 * {@code ab}, {@code load} (an open-loop HTTP load) and {@code rerank train} (a cross-encoder on the
 * user's judgments). Exit codes: 0 success, 1 failure (message on
 * stderr), 2 bad usage.
 */
@Command(name = "quarry-bench", mixinStandardHelpOptions = true,
    description = "Quarry benchmark runner: per-category quality and latency.",
    subcommands = {RunCommand.class, CompareCommand.class, ReportCommand.class, IngestBenchCommand.class,
        VerifyCommand.class, AbCommand.class, LoadCommand.class, io.quarry.bench.rerank.RerankCommand.class})
public final class BenchCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(execute(args, BackendFactory.DEFAULT, Clock.systemUTC(), System.out, System.err));
  }

  /** Runs the command line with the given wiring and streams; returns the exit code. */
  public static int execute(String[] args, BackendFactory backends, Clock clock, PrintStream out,
      PrintStream err) {
    CommandLine cli = new CommandLine(new BenchCli(), new Factory(backends, clock, out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("error: " + e.getMessage());
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand: run, compare, report, ingest, verify, ab, load or rerank");
  }

  /** Hands the wiring to the subcommands through their constructors. */
  private record Factory(BackendFactory backends, Clock clock, PrintStream out, PrintStream err)
      implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == RunCommand.class) {
        return cls.cast(new RunCommand(backends, clock, out, err));
      }
      if (cls == AbCommand.class) {
        return cls.cast(new AbCommand(backends, clock, out, err));
      }
      if (cls == VerifyCommand.class) {
        return cls.cast(new VerifyCommand(backends, clock, out, err));
      }
      if (cls == io.quarry.bench.rerank.RerankTrainCommand.class) {
        return cls.cast(new io.quarry.bench.rerank.RerankTrainCommand(out, err));
      }
      if (cls == LoadCommand.class) {
        return cls.cast(new LoadCommand(clock, out, err));
      }
      if (cls == CompareCommand.class) {
        return cls.cast(new CompareCommand(out));
      }
      if (cls == IngestBenchCommand.class) {
        return cls.cast(new IngestBenchCommand(out));
      }
      if (cls == ReportCommand.class) {
        return cls.cast(new ReportCommand(out));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
