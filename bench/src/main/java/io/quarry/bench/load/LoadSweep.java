package io.quarry.bench.load;

import io.quarry.bench.data.BenchQuery;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a load at rising rates, one after the other (each drained before the next), and names the
 * highest rate that holds the {@link Threshold}: the highest rate such that it and every lower
 * rate of the sweep held it. By default the sweep stops after the first rate that does not hold
 * (a higher one only queues more); {@code keepGoing} runs them all.
 */
public final class LoadSweep {

  /**
   * @param runs one per rate run, in rising order
   * @param highestRate the highest rate that held the threshold, or null when none did
   * @param skipped rates not run because a lower one failed
   */
  public record Outcome(List<LoadRun> runs, Threshold threshold, Double highestRate, List<Double> skipped) {

    public Outcome {
      runs = List.copyOf(runs);
      skipped = List.copyOf(skipped);
    }
  }

  private LoadSweep() {}

  /**
   * @param rates distinct rates, in any order: they run rising
   */
  public static Outcome run(LoadGenerator generator, LoadSettings settings, List<Double> rates,
      List<BenchQuery> queries, Threshold threshold, boolean keepGoing, PrintStream progress)
      throws InterruptedException {
    List<Double> rising = rates.stream().distinct().sorted().toList();
    if (rising.isEmpty()) {
      throw new IllegalArgumentException("illegal sweep: no rates");
    }
    rising.forEach(LoadSettings::checkRate);
    List<LoadRun> runs = new ArrayList<>();
    List<Double> skipped = new ArrayList<>();
    Double highest = null;
    boolean failed = false;
    for (double rate : rising) {
      if (failed && !keepGoing) {
        skipped.add(rate);
        continue;
      }
      progress.printf(Locale.ROOT, "load %s/s for %d s (at most %d requests), mix %s%n", LoadGenerator.rate(rate),
          settings.duration().toSeconds(), settings.maxRequests(), settings.mix().describe());
      LoadRun run = generator.run(settings, rate, queries);
      runs.add(run);
      boolean held = threshold.heldBy(run);
      if (held && !failed) {
        highest = rate;
      }
      failed |= !held;
      progress.println(LoadTable.summaryLine(run, threshold));
    }
    return new Outcome(runs, threshold, highest, skipped);
  }
}
