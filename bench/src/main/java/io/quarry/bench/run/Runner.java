package io.quarry.bench.run;

import io.quarry.bench.backend.BackendQuery;
import io.quarry.bench.backend.BackendResult;
import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.backend.IndexStats;
import io.quarry.bench.backend.RankedHit;
import io.quarry.bench.backend.SearchBackend;
import io.quarry.bench.data.BenchQuery;
import io.quarry.bench.data.SuiteSet;
import io.quarry.bench.peer.Peers;
import io.quarry.core.eval.QueryScores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs a suite against a {@link SearchBackend} and writes the run's files.
 *
 * <ol>
 *   <li>Per set: read queries, qrels, corpus dates and stale answers ({@link SetData}); let the
 *       backend index the corpus; record an {@link IndexRow}.
 *   <li>Per set and mode: send every query (text and {@code as_of} only, {@link BackendQuery#of})
 *       for the top {@link BackendQuery#RUN_DEPTH}; drop later duplicate ids; evaluate queries
 *       that have a relevant document; print progress to stderr.
 *   <li>Write the TREC run {@code <out-stem>.<set>.<mode>.trec} next to {@code run.json} and
 *       aggregate one {@link ResultRow} per category.
 *   <li>Write {@code run.json}, then copy it into the history directory as the next numbered
 *       file.
 * </ol>
 *
 * <p>A backend failure stops the run (nothing is written for a broken engine). Single-threaded:
 * queries are sent one at a time so latencies are not inflated by the runner's own load.
 */
public final class Runner {

  /** Prefix of the settings keys the runner writes itself. */
  public static final String OWN_SETTINGS_PREFIX = "bench.";

  private static final int PROGRESS_EVERY = 100;

  private final SearchBackend backend;
  private final Clock clock;
  private final String git;
  private final PrintStream progress;
  private final Peers peers;
  private final Path peerWork;
  private final int onnxTexts;

  /**
   * What to run and where to write it.
   *
   * @param suite suite name for {@code run.json}
   * @param sets the sets to run, in order
   * @param modes the modes to run, in order; not empty
   * @param maxQueries run only the first N queries of each set (file order); 0 = all
   * @param out the {@code run.json} path
   * @param history the history directory, or null to keep no history copy
   * @param settings the {@code --set key=value} pairs; keys must not start with {@code bench.}
   * @param warmup queries run untimed before each set and mode is measured (the first ones of the
   *     set), so latency percentiles describe a warm engine, not the JIT compiling it
   */
  public record Options(String suite, List<SuiteSet> sets, List<BenchMode> modes, int maxQueries,
      Path out, Path history, Map<String, String> settings, int warmup) {

    /** Options without a warm-up. */
    public Options(String suite, List<SuiteSet> sets, List<BenchMode> modes, int maxQueries,
        Path out, Path history, Map<String, String> settings) {
      this(suite, sets, modes, maxQueries, out, history, settings, 0);
    }

    public Options {
      Objects.requireNonNull(suite, "suite");
      sets = List.copyOf(sets);
      modes = List.copyOf(new java.util.LinkedHashSet<>(modes));
      Objects.requireNonNull(out, "out");
      settings = Map.copyOf(settings);
      if (sets.isEmpty() || modes.isEmpty()) {
        throw new IllegalArgumentException("illegal run: needs at least one set and one mode");
      }
      if (warmup < 0 || warmup > 10_000) {
        throw new IllegalArgumentException("illegal warmup: " + warmup + ", must be in 0..10000");
      }
      if (maxQueries < 0) {
        throw new IllegalArgumentException("illegal max-queries: " + maxQueries
            + ", must be >= 1 (or 0 for all)");
      }
      for (String key : settings.keySet()) {
        if (key.startsWith(OWN_SETTINGS_PREFIX)) {
          throw new IllegalArgumentException("illegal setting key: '" + key + "', keys starting"
              + " with '" + OWN_SETTINGS_PREFIX + "' are written by the runner itself");
        }
      }
    }
  }

  /**
   * What a run produced.
   *
   * @param run the run file content
   * @param runJson where it was written
   * @param historyCopy its numbered copy, or null
   * @param trecFiles the TREC run files written
   * @param skipped per set, queries run but not evaluated (no relevant document)
   */
  public record Outcome(RunFile run, Path runJson, Path historyCopy, List<Path> trecFiles,
      Map<String, Integer> skipped) {}

  public Runner(SearchBackend backend, Clock clock, String git, PrintStream progress) {
    this(backend, clock, git, progress, Peers.none(), null, 0);
  }

  private Runner(SearchBackend backend, Clock clock, String git, PrintStream progress,
      Peers peers, Path peerWork, int onnxTexts) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.git = Objects.requireNonNull(git, "git");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.peers = Objects.requireNonNull(peers, "peers");
    this.peerWork = peerWork;
    this.onnxTexts = onnxTexts;
  }

  /**
   * This runner with peers run beside Quarry ({@code --peers}): each indexes every set after
   * Quarry, and answers every query right after Quarry answers it in the mode the peer's leg is
   * compared with.
   *
   * @param work where the exported corpora go
   * @param onnxTexts passages the ONNX Runtime check encodes per round
   */
  public Runner withPeers(Peers peers, Path work, int onnxTexts) {
    return new Runner(backend, clock, git, progress, peers, work, onnxTexts);
  }

  /** Runs the sets and modes of {@code options}; see the class javadoc for the steps. */
  public Outcome run(Options options) throws IOException {
    String started = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    Path outDir = options.out().toAbsolutePath().getParent();
    if (outDir != null) {
      java.nio.file.Files.createDirectories(outDir);
    }
    List<IndexRow> index = new ArrayList<>();
    List<ResultRow> results = new ArrayList<>();
    List<Path> trecFiles = new ArrayList<>();
    Map<String, Integer> skipped = new LinkedHashMap<>();
    PeerRun peerRun = peers.statuses().isEmpty() && !peers.onnxRuntime() ? null
        : new PeerRun(peers, backend, peerWork, progress, onnxTexts);
    for (SuiteSet set : options.sets()) {
      SetData data = SetData.load(set, options.maxQueries());
      progress.printf(Locale.ROOT, "[%s] %d queries (%d without relevant documents), corpus %d"
          + " docs (%d undated, %d skipped as empty); indexing%n", set.name(),
          data.queries().size(), data.skipped(), data.corpusStats().documents(),
          data.corpusStats().undated(), data.corpusStats().skippedEmpty());
      IndexStats stats = backend.index(set.name(), data.corpus());
      index.add(IndexRow.of(set.name(), stats));
      skipped.put(set.name(), data.skipped());
      if (peerRun != null) {
        peerRun.index(data);
      }
      for (BenchMode mode : options.modes()) {
        List<QueryOutcome> outcomes = runQueries(data, mode, options.warmup(), peerRun);
        Path trec = trecFile(options.out(), set.name(), mode);
        TrecRunWriter.write(trec, outcomes.stream()
            .map(o -> new SimpleImmutableEntry<>(o.query().id(), o.hits())).toList(),
            "quarry-" + mode.wireName());
        trecFiles.add(trec);
        List<ResultRow> rows = ResultRows.of(set.name(), mode.wireName(), outcomes,
            data.evaluator().metrics());
        results.addAll(rows);
        if (peerRun != null) {
          results.addAll(peerRun.rows(data, mode, rows));
        }
      }
    }
    RunFile run = new RunFile(options.suite(), started, git, settings(options), index, results,
        peerRun == null ? null : peerRun.report());
    RunJson.write(options.out(), run);
    Path copy = options.history() == null ? null : History.save(options.history(), options.out());
    return new Outcome(run, options.out(), copy, trecFiles, skipped);
  }

  /** {@code <out-stem>.<set>.<mode>.trec} next to {@code out}; the stem drops a {@code .json}. */
  public static Path trecFile(Path out, String set, BenchMode mode) {
    String name = out.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return out.resolveSibling(stem + "." + set + "." + mode.wireName() + ".trec");
  }

  private List<QueryOutcome> runQueries(SetData data, BenchMode mode, int warmup, PeerRun peerRun)
      throws IOException {
    String label = data.set().name() + "/" + mode.wireName();
    for (BenchQuery q : data.queries().subList(0, Math.min(warmup, data.queries().size()))) {
      backend.search(BackendQuery.of(q, mode)); // untimed: results and latency are discarded
      if (peerRun != null) {
        peerRun.warm(q, mode);
      }
    }
    List<QueryOutcome> outcomes = new ArrayList<>(data.queries().size());
    double totalMs = 0;
    for (BenchQuery q : data.queries()) {
      QueryOutcome o = measure(backend, data, q, mode);
      outcomes.add(o);
      if (peerRun != null) {
        peerRun.after(data, q, mode, o);
      }
      totalMs += o.latencyMs();
      if (outcomes.size() % PROGRESS_EVERY == 0 || outcomes.size() == data.queries().size()) {
        progress.printf(Locale.ROOT, "[%s] %d/%d queries, mean %.1f ms%n", label,
            outcomes.size(), data.queries().size(), totalMs / outcomes.size());
      }
    }
    return outcomes;
  }

  /** One timed query, its hits cut to the run depth and scored against the set's judgments. */
  static QueryOutcome measure(SearchBackend backend, SetData data, BenchQuery q, BenchMode mode) throws IOException {
    BackendResult result = backend.search(BackendQuery.of(q, mode));
    List<RankedHit> hits = distinctTop(result.hits());
    QueryScores scores = data.evaluator()
        .evaluate(q.id(), hits.stream().map(RankedHit::id).toList(), q.referenceDate())
        .orElse(null);
    return new QueryOutcome(q, hits, result.partial(), result.latencyMs(), scores, result.stagesMs());
  }

  /** Later duplicates of an id removed, cut to the run depth. */
  private static List<RankedHit> distinctTop(List<RankedHit> hits) {
    Set<String> seen = new HashSet<>();
    List<RankedHit> out = new ArrayList<>();
    for (RankedHit h : hits) {
      if (out.size() == BackendQuery.RUN_DEPTH) {
        break;
      }
      if (seen.add(h.id())) {
        out.add(h);
      }
    }
    return out;
  }

  private Map<String, String> settings(Options options) {
    return settings(backend, options);
  }

  /** What {@code run.json} records as the settings of a run of {@code options} on {@code backend}. */
  static Map<String, String> settings(SearchBackend backend, Options options) {
    // Every key the engine resolved (defaults included), so a run records its whole configuration.
    Map<String, String> s = new TreeMap<>(backend.engineSettings());
    s.putAll(options.settings());
    s.put(OWN_SETTINGS_PREFIX + "backend", backend.describe());
    s.put(OWN_SETTINGS_PREFIX + "k", Integer.toString(BackendQuery.RUN_DEPTH));
    s.put(OWN_SETTINGS_PREFIX + "modes", options.modes().stream().map(BenchMode::wireName)
        .collect(Collectors.joining(",")));
    s.put(OWN_SETTINGS_PREFIX + "sets", options.sets().stream().map(SuiteSet::name)
        .collect(Collectors.joining(",")));
    s.put(OWN_SETTINGS_PREFIX + "warmup", Integer.toString(options.warmup()));
    if (options.maxQueries() > 0) {
      s.put(OWN_SETTINGS_PREFIX + "max_queries", Integer.toString(options.maxQueries()));
    }
    return s;
  }
}
