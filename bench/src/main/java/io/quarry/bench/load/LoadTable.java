package io.quarry.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The printed tables of a load: one per rate (a row per mode), the sweep, the deadline checks. */
public final class LoadTable {

  private LoadTable() {}

  /** One rate: a header line and a row per mode. */
  public static String run(LoadRun run) {
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
        "%nrate %s/s: sent %d in %.1f s (stopped by %s), %.1f answers/s, send lag P99 %.1f ms (max %.1f)%n%n",
        LoadGenerator.rate(run.rate()), run.sent(), run.elapsedSeconds(), run.stoppedBy(), run.throughput(),
        run.sendLag().p99Ms(), run.sendLag().maxMs()));
    t.append("| mode | sent | ok | errors | partial | P50 ms | P90 ms | P99 ms | P99.9 ms | max ms"
        + " | P99 uncorrected ms | server P50 ms | server P99 ms |\n");
    t.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ModeStats m : run.modes()) {
      Latency l = m.latency();
      t.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f%% | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
          m.mode(), m.requests(), m.ok(), m.errors(), 100 * m.partialRate(), l.p50Ms(), l.p90Ms(), l.p99Ms(),
          l.p999Ms(), l.maxMs(), m.uncorrected().p99Ms(), m.server().p50Ms(), m.server().p99Ms()));
    }
    for (ModeStats m : run.modes()) {
      m.firstErrors().forEach((kind, first) -> t.append(String.format(Locale.ROOT, "  %s: %d x %s, e.g. %s%n",
          m.mode(), m.errorKinds().get(kind), kind, first)));
    }
    for (ModeStats m : run.modes()) {
      if (!m.slowest().isEmpty()) {
        t.append("  slowest ").append(m.mode()).append(" answer by the server's timings_ms: ")
            .append(m.slowest().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")))
            .append('\n');
      }
    }
    if (run.errors() > 0) {
      t.append("  latency percentiles cover the ").append(run.ok()).append(" answered requests only\n");
    }
    deadlines(run).forEach(line -> t.append(line).append('\n'));
    return t.toString();
  }

  /** The sweep: how P99 grows with the rate, and the highest rate that held the threshold. */
  public static String sweep(LoadSweep.Outcome o) {
    String judged = o.threshold().mode().wireName();
    List<String> others = o.runs().getFirst().modes().stream().map(ModeStats::mode)
        .filter(m -> !m.equals(judged)).toList();
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%n| rate/s | sent | answers/s | %s P50 ms | %s P99 ms"
        + " | %s P99 uncorrected ms", judged, judged, judged));
    others.forEach(m -> t.append(" | ").append(m).append(" P99 ms | ").append(m).append(" server P99 ms"));
    t.append(" | errors | partial | ").append(judged).append(" P99 < ")
        .append(String.format(Locale.ROOT, "%.0f", o.threshold().p99Ms())).append(" ms |\n|");
    t.append("---|".repeat(9 + 2 * others.size())).append('\n');
    for (LoadRun r : o.runs()) {
      ModeStats j = r.mode(judged);
      t.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f", LoadGenerator.rate(r.rate()),
          r.sent(), r.throughput(), j.latency().p50Ms(), j.latency().p99Ms(), j.uncorrected().p99Ms()));
      for (String m : others) {
        ModeStats s = r.mode(m);
        t.append(String.format(Locale.ROOT, " | %.1f | %.1f", s.latency().p99Ms(), s.server().p99Ms()));
      }
      long partial = r.modes().stream().mapToLong(ModeStats::partial).sum();
      t.append(String.format(Locale.ROOT, " | %d | %.1f%% | %s |%n", r.errors(),
          r.ok() == 0 ? 0.0 : 100.0 * partial / r.ok(), o.threshold().heldBy(r) ? "yes" : "no"));
    }
    t.append('\n').append(conclusion(o)).append('\n');
    return t.toString();
  }

  /** "highest rate with fast P99 < 100 ms: 20/s (of 5, 10, 20, 40)". */
  public static String conclusion(LoadSweep.Outcome o) {
    String rates = o.runs().stream().map(r -> LoadGenerator.rate(r.rate())).collect(Collectors.joining(", "));
    String head = String.format(Locale.ROOT, "highest rate with %s P99 < %.0f ms and no errors: ",
        o.threshold().mode().wireName(), o.threshold().p99Ms());
    String skipped = o.skipped().isEmpty() ? "" : "; not run after the first miss: "
        + o.skipped().stream().map(LoadGenerator::rate).collect(Collectors.joining(", "));
    return head + (o.highestRate() == null ? "none of " + rates : LoadGenerator.rate(o.highestRate()) + "/s (of "
        + rates + ")") + skipped;
  }

  /** A short line for the progress stream after each rate. */
  static String summaryLine(LoadRun run, Threshold threshold) {
    ModeStats m = run.mode(threshold.mode().wireName());
    return String.format(Locale.ROOT, "load %s/s done: %d sent, %.1f answers/s, %s P99 %.1f ms, %d errors: %s",
        LoadGenerator.rate(run.rate()), run.sent(), run.throughput(), threshold.mode().wireName(),
        m == null ? Double.NaN : m.latency().p99Ms(), run.errors(), threshold.heldBy(run) ? "holds" : "does not hold");
  }

  /** The deep-deadline lines of a run with a deep budget. */
  static List<String> deadlines(LoadRun run) {
    return DeadlineCheck.of(run).stream().map(c -> String.format(Locale.ROOT,
        "  %s deadline %d ms (+10%% = %.1f ms): P99 %.1f ms from the schedule, %s; server-reported P99 %.1f ms, %s",
        c.mode(), c.budgetMs(), c.limitMs(), c.p99Ms(), c.within() ? "within" : "OVER", c.serverP99Ms(),
        c.serverWithin() ? "within" : "OVER")).toList();
  }
}
