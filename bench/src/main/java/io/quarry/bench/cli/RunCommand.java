package io.quarry.bench.cli;

import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.backend.SearchBackend;
import io.quarry.bench.data.Suite;
import io.quarry.bench.peer.Peers;
import io.quarry.bench.run.GitHead;
import io.quarry.bench.run.History;
import io.quarry.bench.run.Runner;
import io.quarry.bench.run.SummaryTable;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: runs a suite and writes run.json, the TREC runs and the history copy. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a suite; progress to stderr, a summary per category to stdout.")
final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--suite", required = true, description = "suite.json")
  Path suite;

  @Option(names = "--sets", split = ",", description = "sets to run (default: all)")
  List<String> sets = new ArrayList<>();

  @Option(names = "--modes", split = ",", defaultValue = "auto",
      description = "any of bm25, vector, graph, fast, deep, auto (default: ${DEFAULT-VALUE})")
  List<String> modes = new ArrayList<>();

  @Option(names = "--warmup", defaultValue = "10",
      description = "queries run untimed before each set and mode is measured (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--max-queries", defaultValue = "0",
      description = "run only the first N queries of each set (default: all)")
  int maxQueries;

  @Option(names = "--set", description = "engine configuration key=value (repeatable)")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--work", defaultValue = "work",
      description = "where indexes and the embedding cache are kept (default: ${DEFAULT-VALUE})")
  Path work;

  @Option(names = "--out", defaultValue = "run.json", description = "default: ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--server", description = "send the queries to a running server at this URL")
  URI server;

  @Option(names = "--vary", paramLabel = "KEY=V1,V2,...",
      description = "run once per value of one configuration key (e.g. freshness.strategy=none,dual_pass),"
          + " writing <out-stem>.<value>.json each, and print an A/B table of all of them")
  String vary;

  @Option(names = "--peers", split = ",", paramLabel = "PEER",
      description = "also run these beside Quarry, interleaved query by query: anserini (bm25),"
          + " lancedb (vector, fts, hybrid), exact (brute-force vector k-NN), onnxruntime"
          + " (the encoder's throughput against raw ONNX Runtime). Downloads: mvn -Ppeers -pl bench package")
  List<String> peers = new ArrayList<>();

  @Option(names = "--peers-dir", paramLabel = "DIR",
      description = "where the peers Maven profile put Anserini's jar and LanceDB's packages"
          + " (default: peers/ beside quarry-bench.jar)")
  Path peersDir;

  @Option(names = "--onnx-texts", defaultValue = "256",
      description = "passages the onnxruntime check encodes per round (default: ${DEFAULT-VALUE})")
  int onnxTexts;

  @Option(names = "--history", defaultValue = History.DEFAULT_DIR,
      description = "numbered copies of every run (default: ${DEFAULT-VALUE})")
  Path history;

  private final BackendFactory backends;
  private final Clock clock;
  private final PrintStream stdout;
  private final PrintStream stderr;

  RunCommand(BackendFactory backends, Clock clock, PrintStream stdout, PrintStream stderr) {
    this.backends = backends;
    this.clock = clock;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() throws Exception {
    List<BenchMode> parsedModes;
    try {
      parsedModes = BenchMode.parseAll(modes);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (server != null && (!settings.isEmpty() || vary != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--set configures the"
          + " in-process engine; a running server (--server) reads its own configuration");
    }
    if (server != null && spec.commandLine().getParseResult().hasMatchedOption("--work")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--work is where the"
          + " in-process engine keeps its indexes; a running server (--server) has its own");
    }
    java.util.Set<String> peerNames;
    try {
      peerNames = Peers.parse(peers);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!peerNames.isEmpty() && vary != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--peers runs beside one"
          + " configuration; use it without --vary");
    }
    if (server != null && peerNames.stream().anyMatch(p -> !p.equals("anserini"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--peers lancedb, exact and"
          + " onnxruntime need Quarry's own vectors and encoder, which only the in-process engine"
          + " gives (no --server); anserini runs with either");
    }
    if (onnxTexts < 16 || onnxTexts > 100_000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "illegal --onnx-texts: "
          + onnxTexts + ", must be in 16..100000");
    }
    Suite s = Suite.read(suite);
    if (vary == null) {
      Runner.Outcome outcome = runOnce(s, parsedModes, settings, out, peerNames);
      return outcome == null ? 1 : 0;
    }
    int eq = vary.indexOf('=');
    if (eq < 1 || eq == vary.length() - 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--vary must be KEY=V1,V2,... (e.g. freshness.strategy=none,dual_pass), got '" + vary + "'");
    }
    String key = vary.substring(0, eq);
    Map<String, Runner.Outcome> outcomes = new LinkedHashMap<>();
    String stem = out.getFileName().toString().replaceFirst("\\.json$", "");
    for (String value : vary.substring(eq + 1).split(",")) {
      Map<String, String> varied = new LinkedHashMap<>(settings);
      varied.put(key, value.strip());
      Runner.Outcome o = runOnce(s, parsedModes, varied, out.resolveSibling(stem + "." + value.strip() + ".json"),
          java.util.Set.of());
      if (o == null) {
        return 1;
      }
      outcomes.put(value.strip(), o);
    }
    stdout.print(AbTable.format(key, outcomes));
    return 0;
  }

  /** {@code peers/} beside the jar this class was loaded from (bench/target/peers in a build). */
  static Path defaultPeersDir() {
    try {
      Path here = Path.of(RunCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return here.toAbsolutePath().getParent().resolve("peers");
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Path.of("peers");
    }
  }

  /** One run with these settings and peers (none: Quarry alone); null when the backend cannot be created (reported). */
  private Runner.Outcome runOnce(Suite s, List<BenchMode> parsedModes, Map<String, String> with,
      Path to, java.util.Set<String> peerNames) throws Exception {
    Runner.Options options;
    try {
      options = new Runner.Options(s.name(), s.select(sets), parsedModes, maxQueries, to,
          history, with, warmup);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    SearchBackend backend;
    try {
      backend = backends.create(server, work, with, stderr);
    } catch (UnsupportedOperationException e) {
      stderr.println("error: " + e.getMessage());
      return null;
    }
    Runner.Outcome outcome;
    try (backend; Peers started = peerNames.isEmpty() ? Peers.none()
        : Peers.start(peerNames, peersDir == null ? defaultPeersDir() : peersDir,
            work.resolve("peers"), stderr)) {
      String git = GitHead.of(Path.of("").toAbsolutePath());
      Runner runner = new Runner(backend, clock, git, stderr);
      outcome = (peerNames.isEmpty() ? runner
          : runner.withPeers(started, work.resolve("peers"), onnxTexts)).run(options);
    }
    stdout.print(SummaryTable.format(outcome.run(), outcome.skipped()));
    stdout.println("wrote " + outcome.runJson() + ", " + outcome.trecFiles().size()
        + " TREC run files" + (outcome.historyCopy() == null ? ""
            : ", history copy " + outcome.historyCopy()));
    return outcome;
  }
}
