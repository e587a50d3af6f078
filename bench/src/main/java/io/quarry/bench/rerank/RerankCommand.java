package io.quarry.bench.rerank;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quarry-bench rerank}: the reranker's commands (for now, {@code train}). */
@Command(name = "rerank", mixinStandardHelpOptions = true, description = "Train a cross-encoder reranker.",
    subcommands = {RerankTrainCommand.class})
public final class RerankCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: train");
  }
}
