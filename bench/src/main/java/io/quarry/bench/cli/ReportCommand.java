package io.quarry.bench.cli;

import io.quarry.bench.compare.HtmlReport;
import io.quarry.bench.run.History;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: writes report.html with plots into the history directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write report.html (nDCG@10 and P50 across runs) into the history directory.")
final class ReportCommand implements Callable<Integer> {

  @Option(names = "--history", defaultValue = History.DEFAULT_DIR,
      description = "history directory (default: ${DEFAULT-VALUE})")
  Path history;

  private final PrintStream stdout;

  ReportCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  @Override
  public Integer call() throws Exception {
    stdout.println("wrote " + HtmlReport.write(history));
    return 0;
  }
}
