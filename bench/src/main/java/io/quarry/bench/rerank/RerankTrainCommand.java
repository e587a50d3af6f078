package io.quarry.bench.rerank;

import io.quarry.bench.backend.Backends;
import io.quarry.bench.data.BenchQuery;
import io.quarry.bench.data.Corpus;
import io.quarry.bench.data.Queries;
import io.quarry.core.document.Document;
import io.quarry.core.eval.Qrels;
import io.quarry.core.search.Filters;
import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.embeddings.rerank.BaseEncoder;
import io.quarry.embeddings.rerank.CrossEncoderReranker;
import io.quarry.embeddings.rerank.CrossEncoderTrainer;
import io.quarry.embeddings.rerank.RerankCard;
import io.quarry.embeddings.rerank.RerankerConfig;
import io.quarry.embeddings.rerank.TrainingGroup;
import io.quarry.embeddings.rerank.TrainingOptions;
import io.quarry.embeddings.rerank.TrainingResult;
import io.quarry.server.Engine;
import io.quarry.server.Wiring;
import io.quarry.server.config.QuarryConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quarry-bench rerank train}: trains a cross-encoder on the user's own judgments.
 *
 * <ol>
 *   <li>reads the corpus, queries and qrels (BENCHMARK.md formats) and keeps the judged queries
 *       (a relevant document in the corpus); refuses fewer than {@code --min-queries};
 *   <li>holds a seeded {@code --validation} share of them out;
 *   <li>indexes the corpus with Quarry's defaults (reused from {@code --data} when unchanged) and
 *       mines each training query's hard negatives from the fast path's top {@code --candidates};
 *       fetches each validation query's top {@code --window};
 *   <li>converts the {@code --base} encoder and trains ({@link CrossEncoderTrainer}): progress,
 *       a checkpoint and a validation pass per epoch, resume after an interruption, early stop;
 *   <li>loads the best epoch through {@code rerank.model}'s own loader, measures the first stage
 *       against reranked on the validation slice, chooses the cross-encoder's share there, and
 *       writes the model ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json},
 *       {@code quarry-rerank.json}) into {@code --out}, with the held-out queries ({@code
 *       validation-queries.jsonl}) for a benchmark run on data the model never saw.
 * </ol>
 *
 * <p>The defaults (MiniLM's lowest 3 layers, 192 tokens a pair, a window of 10, 4 epochs at a
 * peak rate of 1e-4) are what kept the deep path within 20x of the fast path's P50 on 2 cores
 * while gaining on SciFact's held-out judgments; all six layers at 256 tokens and a window of 20
 * gain more and cost about 4x as much (README, "Reranker").
 *
 * <p>Run again with the same data and options, it resumes after the last completed epoch; with
 * every epoch done it only measures again, so {@code --window} can be changed afterwards.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a cross-encoder on your judgments; writes a checkpoint rerank.model loads.")
public final class RerankTrainCommand implements Callable<Integer> {

  @Option(names = "--corpus", required = true, description = "corpus.jsonl[.gz] (BENCHMARK.md)")
  Path corpus;

  @Option(names = "--queries", required = true, description = "queries.jsonl[.gz]")
  Path queries;

  @Option(names = "--qrels", required = true, description = "qrels.tsv: query-id, corpus-id, score")
  Path qrels;

  @Option(names = "--out", required = true, description = "the model directory to write")
  Path out;

  @Option(names = "--data", description = "where the index to mine from is built (default: a temporary directory)")
  Path data;

  @Option(names = "--base", defaultValue = "minilm", description = "minilm or bge-small (default: ${DEFAULT-VALUE})")
  String base;

  @Option(names = "--layers", defaultValue = "3",
      description = "encoder layers kept from the base, from the bottom; cost per pair is proportional (default: ${DEFAULT-VALUE})")
  int layers;

  @Option(names = "--epochs", defaultValue = "4", description = "at most (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--group-size", defaultValue = "8", description = "a positive and this many minus one negatives per softmax (default: ${DEFAULT-VALUE})")
  int groupSize;

  @Option(names = "--groups-per-step", defaultValue = "2", description = "queries per optimizer step (default: ${DEFAULT-VALUE})")
  int groupsPerStep;

  @Option(names = "--lr", defaultValue = "1e-4", description = "peak learning rate (default: ${DEFAULT-VALUE})")
  float learningRate;

  @Option(names = "--max-length", defaultValue = "192", description = "tokens per pair (default: ${DEFAULT-VALUE})")
  int maxLength;

  @Option(names = "--candidates", defaultValue = "30", description = "fast-path hits negatives are mined from (default: ${DEFAULT-VALUE})")
  int candidates;

  @Option(names = "--window", defaultValue = "10",
      description = "rerank window validated at, stored as the model's default rerank.window (default: ${DEFAULT-VALUE})")
  int window;

  @Option(names = "--validation", defaultValue = "0.2", description = "share of the judged queries held out (default: ${DEFAULT-VALUE})")
  double validationShare;

  @Option(names = "--min-queries", defaultValue = "50", description = "fewest judged queries accepted (default: ${DEFAULT-VALUE})")
  int minQueries;

  @Option(names = "--seed", defaultValue = "13", description = "split, head and shuffles (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--config", description = "engine configuration key=value for the index mined from (repeatable)")
  Map<String, String> config = new LinkedHashMap<>();

  private final PrintStream stdout;
  private final PrintStream stderr;

  public RerankTrainCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    BaseEncoder baseEncoder = BaseEncoder.parse(base);
    TrainingOptions options = new TrainingOptions(epochs, groupSize, groupsPerStep, learningRate,
        TrainingOptions.DEFAULTS.warmup(), TrainingOptions.DEFAULTS.weightDecay(), maxLength,
        TrainingOptions.DEFAULTS.patience(), seed);
    if (!(validationShare > 0 && validationShare < 1)) {
      throw new IllegalArgumentException("illegal --validation: " + validationShare + ", must be in (0, 1)");
    }
    if (window < 2 || candidates < groupSize) {
      throw new IllegalArgumentException("illegal --window " + window + " / --candidates " + candidates
          + ": the window must be at least 2 and the candidates at least the group size " + groupSize);
    }
    Map<String, Document> documents = new HashMap<>();
    Corpus c = new Corpus(corpus);
    c.forEach(d -> documents.put(d.id(), d));
    Qrels judgments = Qrels.read(qrels);
    List<BenchQuery> judged = new ArrayList<>();
    for (BenchQuery q : Queries.read(queries)) {
      if (judgments.grades(q.id()).entrySet().stream().anyMatch(e -> e.getValue() > 0 && documents.containsKey(e.getKey()))) {
        judged.add(q);
      }
    }
    if (judged.size() < minQueries) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "too few judged queries to train and validate"
          + " a reranker: %d in %s have a relevant document in the corpus, at least %d are needed (--min-queries)",
          judged.size(), queries, minQueries));
    }
    Collections.shuffle(judged, new Random(seed));
    int held = Math.max(10, (int) Math.round(judged.size() * validationShare));
    if (held >= judged.size()) {
      throw new IllegalArgumentException("too few judged queries to train and validate a reranker: "
          + judged.size() + ", of which at least 10 are held out (--min-queries below the default of 50?)");
    }
    List<BenchQuery> validationQueries = judged.subList(0, held);
    List<BenchQuery> trainQueries = judged.subList(held, judged.size());
    stderr.printf(Locale.ROOT, "%,d judged queries: %,d to train on, %,d held out to validate%n", judged.size(),
        trainQueries.size(), validationQueries.size());

    Path dataDir = data != null ? data : Files.createTempDirectory("quarry-rerank-train");
    try {
      return train(baseEncoder, options, c, documents, judgments, trainQueries, validationQueries, dataDir, started);
    } finally {
      if (data == null) {
        org.apache.lucene.util.IOUtils.rm(dataDir); // an index nobody asked to keep
      }
    }
  }

  private int train(BaseEncoder baseEncoder, TrainingOptions options, Corpus c, Map<String, Document> documents,
      Qrels judgments, List<BenchQuery> trainQueries, List<BenchQuery> validationQueries, Path dataDir, long started)
      throws IOException {
    QuarryConfig qc = Backends.indexed(dataDir, config, "rerank-train", c, stderr);
    long t0 = System.nanoTime();
    List<TrainingGroup> groups = new ArrayList<>();
    List<ValidationSlice.Query> slice = new ArrayList<>();
    int skipped = 0;
    try (Engine engine = Wiring.engine(qc)) {
      for (BenchQuery q : trainQueries) {
        List<TrainingGroup> g = HardNegatives.groups(q.text(), fast(engine, q.text(), candidates),
            judgments.grades(q.id()), documents, groupSize - 1);
        skipped += g.isEmpty() ? 1 : 0;
        groups.addAll(g);
      }
      for (BenchQuery q : validationQueries) {
        List<Candidate> cs = new ArrayList<>();
        for (Hit h : fast(engine, q.text(), Math.max(window, 10))) {
          cs.add(new Candidate(h.id(), h.rerankText(), h.score()));
        }
        slice.add(new ValidationSlice.Query(q.id(), q.text(), judgments.grades(q.id()), cs));
      }
    }
    double miningSeconds = (System.nanoTime() - t0) / 1e9;
    stderr.printf(Locale.ROOT, "mined %,d training groups (%d queries skipped: too few unjudged hits) and %,d"
        + " validation windows in %.1f s%n", groups.size(), skipped, slice.size(), miningSeconds);
    ValidationSlice validation = new ValidationSlice(slice, window);

    Files.createDirectories(out);
    Path work = out.resolve("checkpoints");
    Path baseDir = work.resolve("base-" + baseEncoder.wireName() + "-" + layers);
    if (!Files.isRegularFile(baseDir.resolve("model.safetensors"))) {
      Path tmp = Files.createDirectories(work).resolve("base.tmp");
      org.apache.lucene.util.IOUtils.rm(tmp); // a conversion that died halfway
      baseEncoder.convert(tmp, BaseEncoder.HeadInit.training(seed), layers);
      Files.move(tmp, baseDir, StandardCopyOption.ATOMIC_MOVE);
    }
    TrainingProgress progress = new TrainingProgress(stderr, epochs);
    TrainingResult result = CrossEncoderTrainer.train(baseDir, groups, scorer -> {
      ValidationSlice.Outcome o = validation.evaluate(scorer);
      stderr.printf(Locale.ROOT, "  validation: first stage %.4f, cross-encoder alone %.4f, blended %.4f at share %.2f%n",
          o.firstStage().ndcg10(), o.crossEncoder().ndcg10(), o.blended().ndcg10(), o.weight());
      return o.blended().ndcg10();
    }, options, work.resolve("run"), progress);

    // the model as rerank.model loads it, measured once more on the slice
    for (String f : List.of("config.json", "model.safetensors", "tokenizer.json")) {
      Files.copy(result.best().resolve(f), out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    ValidationSlice.Outcome finalOutcome;
    try (CrossEncoderReranker reranker = CrossEncoderReranker.open(RerankerConfig.of(out).withMaxLength(maxLength)
        .withBlendWeight(1.0))) {
      finalOutcome = validation.evaluate(reranker::score);
    }
    double totalSeconds = (System.nanoTime() - started) / 1e9;
    Map<String, Object> report = report(result, finalOutcome, groups.size(), validation, miningSeconds, totalSeconds);
    new RerankCard(baseEncoder.wireName(), finalOutcome.weight(), maxLength, window, report).write(out);
    writeQueries(out.resolve(VALIDATION_QUERIES), validationQueries);
    print(result, finalOutcome, validation, totalSeconds);
    return 0;
  }

  /**
   * The held-out queries, in the queries file's format, so {@code quarry-bench run} can measure
   * deep against fast on queries the model never trained on.
   */
  static final String VALIDATION_QUERIES = "validation-queries.jsonl";

  private static void writeQueries(Path file, List<BenchQuery> queries) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (BenchQuery q : queries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("_id", q.id());
      m.put("text", q.text());
      if (!BenchQuery.UNCATEGORIZED.equals(q.category())) {
        m.put("category", q.category());
      }
      if (q.asOf() != null) {
        m.put("as_of", q.asOf().toString());
      }
      lines.add(json.writeValueAsString(m));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, lines);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<Hit> fast(Engine engine, String text, int k) {
    SearchRequest r = new SearchRequest(text, k, SearchMode.FAST, Filters.NONE, Set.of(), false, false);
    return engine.search(r).hits();
  }

  private Map<String, Object> report(TrainingResult r, ValidationSlice.Outcome o, int groups, ValidationSlice v,
      double miningSeconds, double totalSeconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layers", layers);
    m.put("training_groups", groups);
    m.put("validation_queries", v.size());
    m.put("window", v.window());
    m.put("best_epoch", r.bestEpoch());
    m.put("epochs_run", r.epochs().size());
    m.put("stopped_early", r.stoppedEarly());
    // over every epoch, also those of a run this one resumed
    m.put("pairs_per_second", round(r.pairsPerSecond()));
    m.put("train_seconds", round(r.trainSeconds()));
    m.put("validation_seconds", round(r.validationSeconds()));
    // this run alone: after a resume or a measuring-only run, less than the training took
    m.put("this_run", Map.of("seconds", round(totalSeconds), "mining_seconds", round(miningSeconds),
        "pairs_trained", r.pairs(), "peak_rss_mb", String.valueOf(PeakMemory.rssMegabytes())));
    m.put("first_stage", metrics(o.firstStage()));
    m.put("cross_encoder", metrics(o.crossEncoder()));
    m.put("blended", metrics(o.blended()));
    List<Map<String, Object>> epochs = new ArrayList<>();
    for (TrainingResult.Epoch e : r.epochs()) {
      epochs.add(Map.of("epoch", e.epoch(), "loss", round(e.loss()), "validation_ndcg@10", round(e.validation()),
          "train_seconds", round(e.trainSeconds()), "pairs", e.pairs()));
    }
    m.put("epochs", epochs);
    return m;
  }

  private static Map<String, Object> metrics(ValidationSlice.Metrics x) {
    return Map.of("ndcg@10", round(x.ndcg10()), "recall@5", round(x.recall5()));
  }

  private void print(TrainingResult r, ValidationSlice.Outcome o, ValidationSlice v, double totalSeconds) {
    stdout.printf(Locale.ROOT, "validation slice: %d queries, window %d%n", v.size(), v.window());
    stdout.printf(Locale.ROOT, "%-28s %8s %8s%n", "order", "nDCG@10", "R@5");
    stdout.printf(Locale.ROOT, "%-28s %8.4f %8.4f%n", "first stage (fast)", o.firstStage().ndcg10(), o.firstStage().recall5());
    stdout.printf(Locale.ROOT, "%-28s %8.4f %8.4f%n", "cross-encoder alone", o.crossEncoder().ndcg10(), o.crossEncoder().recall5());
    stdout.printf(Locale.ROOT, "%-28s %8.4f %8.4f%n", String.format(Locale.ROOT, "blended (share %.2f)", o.weight()),
        o.blended().ndcg10(), o.blended().recall5());
    stdout.printf(Locale.ROOT, "best epoch %d of %d; training %.1f min at %.1f pairs/s, validating %.1f min;"
            + " this run %.1f min, %,d pairs, peak RSS %s MB%n", r.bestEpoch(), r.epochs().size(), r.trainSeconds() / 60,
        r.pairsPerSecond(), r.validationSeconds() / 60, totalSeconds / 60, r.pairs(), PeakMemory.rssMegabytes());
    stdout.printf(Locale.ROOT, "wrote %s: start with --set rerank.model=%s%n", out, out.toAbsolutePath());
  }

  private static double round(double x) {
    return Math.round(x * 10_000) / 10_000.0;
  }
}
