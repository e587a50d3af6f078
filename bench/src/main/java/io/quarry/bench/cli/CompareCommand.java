package io.quarry.bench.cli;

import io.quarry.bench.compare.Comparison;
import io.quarry.bench.run.History;
import io.quarry.bench.run.RunFile;
import io.quarry.bench.run.RunJson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compare [old new]}: old vs new P50 and nDCG@10 per category and mode, with a signal. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare two runs (default: the last two of the history).")
final class CompareCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..2", paramLabel = "RUN", description = "old-run.json new-run.json")
  List<Path> files = new ArrayList<>();

  @Option(names = "--history", defaultValue = History.DEFAULT_DIR,
      description = "history directory used without files (default: ${DEFAULT-VALUE})")
  Path history;

  private final PrintStream stdout;

  CompareCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  @Override
  public Integer call() throws Exception {
    Path oldFile;
    Path newFile;
    if (files.size() == 2) {
      oldFile = files.get(0);
      newFile = files.get(1);
    } else if (files.isEmpty()) {
      List<Path> runs = History.runs(history);
      if (runs.size() < 2) {
        throw new CommandLine.ParameterException(spec.commandLine(), "compare needs two runs:"
            + " give two run.json files, or have at least two numbered runs in " + history
            + " (found " + runs.size() + ")");
      }
      oldFile = runs.get(runs.size() - 2);
      newFile = runs.get(runs.size() - 1);
    } else {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "compare takes no file (last two runs of the history) or two files (old new)");
    }
    RunFile old = RunJson.read(oldFile);
    RunFile current = RunJson.read(newFile);
    stdout.println("old: " + oldFile + " (" + old.started() + ", git " + old.git() + ")");
    stdout.println("new: " + newFile + " (" + current.started() + ", git " + current.git() + ")");
    stdout.print(Comparison.format(Comparison.compare(old, current)));
    return 0;
  }
}
