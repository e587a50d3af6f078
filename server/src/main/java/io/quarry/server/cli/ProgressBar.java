package io.quarry.server.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal stream, redrawn at most every 250 ms: done/total, rate
 * and time left. Not thread-safe: one writer.
 */
public final class ProgressBar {

  private static final int WIDTH = 30;
  private final PrintStream out;
  private final long total;
  private final String unit;
  private final long start = System.nanoTime();
  private long lastDraw;

  public ProgressBar(PrintStream out, long total, String unit) {
    this.out = out;
    this.total = Math.max(1, total);
    this.unit = unit;
  }

  /** Redraws if enough time has passed (always when {@code done == total}). */
  public void update(long done, String extra) {
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 250_000_000L) {
      return;
    }
    lastDraw = now;
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / seconds;
    int filled = (int) (WIDTH * Math.min(1.0, (double) done / total));
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
    long left = rate > 0 ? (long) ((total - done) / rate) : -1;
    out.printf(Locale.ROOT, "\r[%s] %,d/%,d %s  %.1f/s  %s  %s   ", bar, done, total, unit, rate,
        left < 0 ? "" : "ETA " + duration(left), extra);
    if (done >= total) {
      out.println();
    }
    out.flush();
  }

  static String duration(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60)
        : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }
}
