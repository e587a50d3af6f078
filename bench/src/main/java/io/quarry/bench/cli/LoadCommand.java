package io.quarry.bench.cli;

import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.data.BenchQuery;
import io.quarry.bench.data.Queries;
import io.quarry.bench.data.Suite;
import io.quarry.bench.data.SuiteSet;
import io.quarry.bench.load.HttpLoadTarget;
import io.quarry.bench.load.LoadGenerator;
import io.quarry.bench.load.LoadJson;
import io.quarry.bench.load.LoadRun;
import io.quarry.bench.load.LoadSettings;
import io.quarry.bench.load.LoadSweep;
import io.quarry.bench.load.LoadTable;
import io.quarry.bench.load.ModeMix;
import io.quarry.bench.load.Threshold;
import io.quarry.bench.load.Ticker;
import io.quarry.bench.run.GitHead;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load}: an open-loop HTTP load against a running server on loopback, at one rate
 * ({@code --rate}) or a sweep of rates ({@code --rates}), with the suite's queries in a mix of
 * modes. Prints a table per rate and the sweep's verdict, writes {@code --out}; progress on stderr.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Open-loop HTTP load on a server on loopback: throughput, latency percentiles corrected for"
        + " coordinated omission (from each request's scheduled send time), errors and partial rate per mode.")
final class LoadCommand implements Callable<Integer> {

  /** The most rates one sweep may run. */
  static final int MAX_RATES = 20;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--server", required = true, description = "the server, on loopback (e.g. http://127.0.0.1:7070)")
  URI server;

  @Option(names = "--suite", required = true, description = "suite.json whose queries are sent")
  Path suite;

  @Option(names = "--sets", split = ",", description = "sets whose queries are sent (default: all)")
  List<String> sets = new ArrayList<>();

  @Option(names = "--max-queries", defaultValue = "0", description = "only the first N queries of each set (default: all)")
  int maxQueries;

  @Option(names = "--rate", description = "requests per second")
  Double rate;

  @Option(names = "--rates", split = ",", description = "a sweep: each rate in turn, rising (e.g. 5,10,20,40)")
  List<Double> rates = new ArrayList<>();

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "how long each rate runs: 90, 90s, 2m, 500ms; at most 10m (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--max-requests", defaultValue = "" + LoadSettings.DEFAULT_MAX_REQUESTS,
      description = "the most requests per rate, at most " + LoadSettings.MAX_REQUESTS + " (default: ${DEFAULT-VALUE})")
  long maxRequests;

  @Option(names = "--mix", defaultValue = "fast=1",
      description = "modes and their shares, e.g. fast=0.9,deep=0.1 (default: ${DEFAULT-VALUE})")
  String mix;

  @Option(names = "--deep-budget-ms", description = "deadline_ms of the deep requests (default: the server's)")
  Integer deepBudgetMs;

  @Option(names = "--k", defaultValue = "" + LoadSettings.DEFAULT_K, description = "hits per request (default: ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--max-in-flight", defaultValue = "" + LoadSettings.DEFAULT_MAX_IN_FLIGHT,
      description = "requests waiting at once; beyond, the generator waits and the wait counts as latency"
          + " (default: ${DEFAULT-VALUE})")
  int maxInFlight;

  @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "per request, then it is an error (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(names = "--warmup", defaultValue = "50",
      description = "requests sent first at the lowest rate, not counted (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--threshold-ms", defaultValue = "100",
      description = "the P99 a rate must stay under to hold (default: ${DEFAULT-VALUE})")
  double thresholdMs;

  @Option(names = "--threshold-mode", defaultValue = "fast", description = "the mode judged (default: ${DEFAULT-VALUE})")
  String thresholdMode;

  @Option(names = "--keep-going", description = "run every rate of the sweep, also after one did not hold")
  boolean keepGoing;

  @Option(names = "--progress-every", defaultValue = "5s", converter = DurationConverter.class,
      description = "how often a progress line goes to stderr (default: ${DEFAULT-VALUE})")
  Duration progressEvery;

  @Option(names = "--out", defaultValue = "load.json", description = "the result file (default: ${DEFAULT-VALUE})")
  Path out;

  private final Clock clock;
  private final PrintStream stdout;
  private final PrintStream stderr;

  LoadCommand(Clock clock, PrintStream stdout, PrintStream stderr) {
    this.clock = clock;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() throws Exception {
    List<Double> sweep = rates();
    LoadSettings settings;
    Threshold threshold;
    List<BenchQuery> queries;
    try {
      HttpLoadTarget.requireLoopback(server);
      ModeMix modes = ModeMix.parse(mix);
      threshold = new Threshold(BenchMode.parse(thresholdMode), thresholdMs);
      if (!modes.weights().containsKey(threshold.mode())) {
        throw new IllegalArgumentException("--threshold-mode " + threshold.mode().wireName()
            + " is not in the mix " + modes.describe());
      }
      if (deepBudgetMs != null && modes.modes().stream().noneMatch(m -> "deep".equals(m.apiMode()))) {
        throw new IllegalArgumentException("--deep-budget-ms applies to deep requests, and the mix "
            + modes.describe() + " has none (add e.g. deep=0.1)");
      }
      if (maxQueries < 0) {
        throw new IllegalArgumentException("illegal --max-queries: " + maxQueries + ", must be 0 (all) or more");
      }
      if (warmup < 0 || warmup > 10_000) {
        throw new IllegalArgumentException("illegal warmup: " + warmup + ", must be in 0..10000");
      }
      settings = new LoadSettings(modes, k, deepBudgetMs, duration, maxRequests, maxInFlight, timeout, progressEvery);
      sweep.forEach(LoadSettings::checkRate);
      queries = queries();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String started = clock.instant().toString();
    LoadSweep.Outcome outcome;
    try (HttpLoadTarget target = new HttpLoadTarget(server, timeout)) {
      stderr.println("load: " + target.check() + "; " + queries.size() + " queries, mix " + settings.mix().describe()
          + (deepBudgetMs == null ? "" : ", deep deadline_ms " + deepBudgetMs));
      LoadGenerator generator = new LoadGenerator(target, Ticker.SYSTEM, stderr);
      if (warmup > 0) {
        double r = sweep.stream().min(Double::compare).orElseThrow();
        stderr.printf(Locale.ROOT, "warm-up: %d requests at %s/s, not counted%n", warmup, LoadGenerator.rate(r));
        long seconds = Math.min(LoadSettings.MAX_DURATION.toSeconds(), Math.max(1, (long) Math.ceil(warmup / r) + 1));
        generator.run(settings.withMaxRequests(warmup).withDuration(Duration.ofSeconds(seconds)), r, queries);
      }
      outcome = LoadSweep.run(generator, settings, sweep, queries, threshold, keepGoing, stderr);
    }
    for (LoadRun run : outcome.runs()) {
      stdout.print(LoadTable.run(run));
    }
    stdout.print(outcome.runs().size() > 1 ? LoadTable.sweep(outcome) : "\n" + LoadTable.conclusion(outcome) + "\n");
    LoadJson.write(out, LoadJson.of(head(started, queries.size()), settingsMap(settings), outcome));
    stdout.println("wrote " + out);
    return 0;
  }

  private List<Double> rates() {
    if ((rate == null) == rates.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give either --rate R (one rate) or --rates R1,R2,... (a sweep)");
    }
    List<Double> sweep = rate != null ? List.of(rate) : rates;
    if (sweep.size() > MAX_RATES) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "illegal --rates: " + sweep.size() + " rates, at most " + MAX_RATES);
    }
    return sweep;
  }

  private List<BenchQuery> queries() throws java.io.IOException {
    Suite s = Suite.read(suite);
    List<BenchQuery> all = new ArrayList<>();
    for (SuiteSet set : s.select(sets)) {
      List<BenchQuery> qs = Queries.read(set.queries());
      all.addAll(maxQueries > 0 && qs.size() > maxQueries ? qs.subList(0, maxQueries) : qs);
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("the selected sets have no queries");
    }
    return all;
  }

  private Map<String, Object> head(String started, int queryCount) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("server", server.toString());
    h.put("started", started);
    h.put("git", GitHead.of(Path.of("").toAbsolutePath()));
    h.put("suite", suite.toString());
    h.put("sets", sets);
    h.put("queries", queryCount);
    return h;
  }

  private Map<String, Object> settingsMap(LoadSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mix", s.mix().describe());
    m.put("k", s.k());
    m.put("deep_budget_ms", s.deepBudgetMs());
    m.put("duration_s", s.duration().toMillis() / 1000.0);
    m.put("max_requests", s.maxRequests());
    m.put("max_in_flight", s.maxInFlight());
    m.put("timeout_ms", s.timeout().toMillis());
    m.put("warmup", warmup);
    m.put("keep_going", keepGoing);
    return m;
  }

  /** {@code 90} (seconds), {@code 90s}, {@code 2m}, {@code 500ms}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      try {
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
        }
        if (v.endsWith("m")) {
          return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).strip()) * 60_000));
        }
        String secs = v.endsWith("s") ? v.substring(0, v.length() - 1).strip() : v;
        return Duration.ofMillis(Math.round(Double.parseDouble(secs) * 1000));
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: give 90, 90s, 2m or 500ms");
      }
    }
  }
}
