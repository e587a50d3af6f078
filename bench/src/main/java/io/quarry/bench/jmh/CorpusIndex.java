package io.quarry.bench.jmh;

import io.quarry.bench.backend.Backends;
import io.quarry.bench.data.BenchQuery;
import io.quarry.bench.data.Corpus;
import io.quarry.bench.data.Queries;
import io.quarry.bench.data.Suite;
import io.quarry.bench.data.SuiteSet;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.EmbeddingModels;
import io.quarry.server.config.QuarryConfig;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real index the search benchmarks run over: one suite set's corpus (SciFact by default),
 * indexed by the server's own composition root ({@code Wiring.engine}, through {@link
 * Backends#indexed}) exactly as {@code quarry-bench run} indexes it, in the same directory under
 * the same work directory. An index the runner built is reused here and the other way round, and
 * the passage embedding cache ({@code <work>/embedding-cache}) makes a rebuild quick. Once the
 * index is there the engine is closed, and the index (and the encoder, and the graph by {@link
 * #config()}'s {@code graphDir()}) are opened here with the engine's own configuration, so a
 * benchmark can call one stage alone.
 *
 * <p>Where it looks ({@link Source#fromSystemProperties}; JMH passes the launching JVM's {@code -D}
 * options on to its forks):
 *
 * <ul>
 *   <li>{@code quarry.bench.suite}: a suite.json; default {@code $QUARRY_DATASETS/suite.json}, else
 *       {@code ../shared/datasets/suite.json} from the working directory (the repository root);
 *   <li>{@code quarry.bench.set}: the set of that suite; default {@code scifact};
 *   <li>{@code quarry.bench.work}: the work directory; default {@code work}, the runner's
 *       {@code --work} default;
 *   <li>{@code quarry.bench.queries}: how many of the set's queries (file order) the benchmarks
 *       cycle through; default 200.
 * </ul>
 *
 * <p>A missing suite or set fails the setup with a message saying which property to set: JMH
 * reports that benchmark as failed and goes on with the next. Not thread-safe; one per trial.
 */
final class CorpusIndex implements Closeable {

  /** Default {@code quarry.bench.queries}. */
  static final int DEFAULT_QUERIES = 200;

  /**
   * Which corpus, where its index lives, how many queries.
   *
   * @param suite the suite.json
   * @param set the set's name in it
   * @param work the work directory (indexes and the embedding cache)
   * @param queries how many of the set's queries to use, at least 1
   */
  record Source(Path suite, String set, Path work, int queries) {

    Source {
      if (queries < 1) {
        throw new IllegalArgumentException("illegal quarry.bench.queries: " + queries + ", must be >= 1");
      }
    }

    /** The source the {@code quarry.bench.*} system properties name (see the class javadoc). */
    static Source fromSystemProperties() {
      String suite = System.getProperty("quarry.bench.suite");
      Path path;
      if (suite != null && !suite.isBlank()) {
        path = Path.of(suite);
      } else {
        String env = System.getenv("QUARRY_DATASETS");
        path = env != null && !env.isBlank() ? Path.of(env, "suite.json")
            : Path.of("..", "shared", "datasets", "suite.json");
      }
      return new Source(path.toAbsolutePath().normalize(), System.getProperty("quarry.bench.set", "scifact"),
          Path.of(System.getProperty("quarry.bench.work", "work")).toAbsolutePath().normalize(),
          Integer.getInteger("quarry.bench.queries", DEFAULT_QUERIES));
    }

    /** The set, or a failure that says how to point the benchmarks at one. */
    SuiteSet resolve() throws IOException {
      if (!Files.isRegularFile(suite)) {
        throw new IllegalStateException("no suite at " + suite + ": this benchmark needs a real corpus;"
            + " run it from the repository root with the shared datasets beside it, or pass"
            + " -Dquarry.bench.suite=<suite.json> -Dquarry.bench.set=<name> (or set QUARRY_DATASETS)");
      }
      List<SuiteSet> sets = Suite.read(suite).sets();
      return sets.stream().filter(s -> s.name().equals(set)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no set '" + set + "' in " + suite + ", it has "
              + sets.stream().map(SuiteSet::name).toList() + ": pass -Dquarry.bench.set=<name>"));
    }
  }

  /**
   * A document and a query that should find it: its title (its first words when it has none).
   *
   * @param id the document's external id
   * @param query the text to search for it
   */
  record KnownItem(String id, String query) {}

  private final QuarryConfig config;
  private final QuarryIndex index;
  private final TextEncoder encoder;
  private final List<String> queries;
  private final SuiteSet set;

  private CorpusIndex(QuarryConfig config, QuarryIndex index, TextEncoder encoder, List<String> queries,
      SuiteSet set) {
    this.config = config;
    this.index = index;
    this.encoder = encoder;
    this.queries = queries;
    this.set = set;
  }

  /**
   * Builds (or reuses) the set's index with the default engine settings, as {@code quarry-bench
   * run} without {@code --set} does, and opens it with the engine's encoder.
   */
  static CorpusIndex open(Source source) throws IOException {
    SuiteSet set = source.resolve();
    List<String> queries = queries(set, source.queries());
    QuarryConfig config = Backends.indexed(source.work(), Map.of(), set.name(), new Corpus(set.corpus()), System.err);
    if (!config.index().vectors()) {
      throw new IllegalStateException("the index at " + config.indexDir() + " has no vectors");
    }
    // the model and settings Wiring builds the engine's encoder with (without its caches: a
    // benchmark must run the model, and an embedding is never what it measures unless it says so)
    TextEncoder encoder = EmbeddingModels.create(config.embedding().model(), config.embedding().encoder());
    try {
      QuarryIndex index = QuarryIndex.open(config.indexDir(), config.index(), encoder.modelId(), encoder.dimension());
      return new CorpusIndex(config, index, encoder, queries, set);
    } catch (IOException | RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  /** The texts of the source's first queries, without indexing anything. */
  static List<String> queries(Source source) throws IOException {
    return queries(source.resolve(), source.queries());
  }

  private static List<String> queries(SuiteSet set, int limit) throws IOException {
    List<String> queries = Queries.read(set.queries()).stream().map(BenchQuery::text).limit(limit).toList();
    if (queries.isEmpty()) {
      throw new IllegalStateException("no queries in " + set.queries());
    }
    return queries;
  }

  /** The engine's configuration: its index, graph and search settings. */
  QuarryConfig config() {
    return config;
  }

  QuarryIndex index() {
    return index;
  }

  /** The engine's query and passage encoder (the bare model, no cache). */
  TextEncoder encoder() {
    return encoder;
  }

  /** The set's first queries' texts, in file order. */
  List<String> queries() {
    return queries;
  }

  /** The first {@code n} documents of the corpus as known items (fewer when it is smaller). */
  List<KnownItem> knownItems(int n) throws IOException {
    List<KnownItem> out = new ArrayList<>();
    new Corpus(set.corpus()).forEach(d -> {
      if (out.size() < n) {
        String q = d.title().isBlank() ? firstWords(d.text(), 12) : d.title();
        if (!q.isBlank()) {
          out.add(new KnownItem(d.id(), q));
        }
      }
    });
    return out;
  }

  /** One known item's search, for {@link #foundShare}. */
  @FunctionalInterface
  interface ItemSearch {
    RankedList search(KnownItem item) throws IOException;
  }

  /** The share of {@code items} whose document is in the list {@code search} returns for it. */
  static double foundShare(List<KnownItem> items, ItemSearch search) throws IOException {
    if (items.isEmpty()) {
      throw new IllegalStateException("the corpus has no document to look up");
    }
    int found = 0;
    for (KnownItem item : items) {
      if (search.search(item).candidates().stream().anyMatch(c -> c.key().equals(item.id()))) {
        found++;
      }
    }
    return found / (double) items.size();
  }

  private static String firstWords(String text, int words) {
    String[] w = text.strip().split("\\s+");
    return String.join(" ", java.util.Arrays.asList(w).subList(0, Math.min(words, w.length)));
  }

  @Override
  public void close() throws IOException {
    try {
      index.close();
    } finally {
      encoder.close();
    }
  }
}
