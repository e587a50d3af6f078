package io.quarry.bench.rerank;

import io.quarry.embeddings.rerank.TrainingListener;
import io.quarry.embeddings.rerank.TrainingResult;
import io.quarry.server.cli.ProgressBar;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The training run on a terminal: the CLI's {@link ProgressBar} per epoch (steps, rate, time left,
 * the loss and pairs a second), and a line per epoch and per message.
 */
final class TrainingProgress implements TrainingListener {

  private final PrintStream out;
  private final int epochs;
  private ProgressBar bar;
  private int barEpoch;

  TrainingProgress(PrintStream out, int epochs) {
    this.out = out;
    this.epochs = epochs;
  }

  @Override
  public void step(int epoch, int step, int steps, double loss, double pairsPerSecond) {
    if (bar == null || barEpoch != epoch) {
      bar = new ProgressBar(out, steps, "steps");
      barEpoch = epoch;
    }
    bar.update(step, String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  %.1f pairs/s", epoch, epochs, loss,
        pairsPerSecond));
  }

  @Override
  public void epoch(TrainingResult.Epoch e) {
    out.printf(Locale.ROOT, "epoch %d: loss %.4f, validation nDCG@10 %.4f; %.0f s training (%.1f pairs/s),"
        + " %.0f s validating%n", e.epoch(), e.loss(), e.validation(), e.trainSeconds(),
        e.pairs() / Math.max(1e-9, e.trainSeconds()), e.validationSeconds());
  }

  @Override
  public void message(String line) {
    out.println(line);
  }
}
