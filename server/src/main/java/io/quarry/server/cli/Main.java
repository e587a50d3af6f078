package io.quarry.server.cli;

import io.quarry.server.Engine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar quarry.jar <command>}: serve, ingest, search, keys, models. */
@Command(name = "quarry", mixinStandardHelpOptions = true, version = "quarry 0.1.0",
    description = "Knowledge-graph retrieval server.",
    subcommands = {ServeCommand.class, IngestCommand.class, SearchCommand.class, KeysCommand.class,
        ModelsCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    // Configuration and input mistakes print one clear line, not a stack trace.
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e instanceof io.quarry.embeddings.EmbeddingException) {
        cmd.getErr().println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli;
  }

  static void closeQuietly(Engine engine) {
    try {
      engine.close();
    } catch (Exception e) {
      System.err.println("error while closing: " + e.getMessage());
    }
  }
}
