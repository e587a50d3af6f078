package io.quarry.bench.rerank;

import io.quarry.embeddings.rerank.TrainingListener;
import io.quarry.embeddings.rerank.TrainingResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The training run on a terminal: a progress line per epoch, redrawn at most every 250 ms (step,
 * loss, pairs a second, time left in the epoch), and a line per epoch and per message.
 */
final class TrainingProgress implements TrainingListener {

  private static final int WIDTH = 30;
  private final PrintStream out;
  private final int epochs;
  private long lastDraw;

  TrainingProgress(PrintStream out, int epochs) {
    this.out = out;
    this.epochs = epochs;
  }

  @Override
  public void step(int epoch, int step, int steps, double loss, double pairsPerSecond) {
    long now = System.nanoTime();
    if (step < steps && now - lastDraw < 250_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) ((long) WIDTH * step / steps);
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
    out.printf(Locale.ROOT, "\repoch %d/%d [%s] step %,d/%,d  loss %.4f  %.1f pairs/s   ", epoch, epochs, bar,
        step, steps, loss, pairsPerSecond);
    if (step == steps) {
      out.println();
    }
    out.flush();
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
