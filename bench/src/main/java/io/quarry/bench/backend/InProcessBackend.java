package io.quarry.bench.backend;

import io.quarry.bench.data.Corpus;
import io.quarry.core.document.Document;
import io.quarry.core.index.IndexResult;
import io.quarry.core.search.Filters;
import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.server.Engine;
import io.quarry.server.Wiring;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's in-process engine: exactly what the server runs ({@link Wiring#engine}), with
 * the {@code --set} keys as its configuration.
 *
 * <p>Indexes live under {@code work}, one directory per corpus file and index-shaping settings
 * (a hash of both names it), with a manifest written only after the final commit: a complete
 * manifest that matches means the index is reused, anything else is rebuilt from scratch. The
 * passage embedding cache is shared by all of them ({@code work/embedding-cache}), so a rebuild
 * with unchanged chunking costs no inference. The query-embedding cache is off unless {@code
 * --set} turns it on, so every mode's latency includes embedding its query.
 *
 * <p>Single-threaded, as the runner uses it.
 */
final class InProcessBackend implements SearchBackend {

  private static final String MANIFEST = "quarry-bench-manifest.txt";
  private static final int BATCH = 64;
  /** Bumped when what a document writes changes, so a reused index is one the engine would write. */
  private static final String LAYOUT = "2";

  private final Path work;
  private final Map<String, String> settings;
  private final java.io.PrintStream progress;
  private Engine engine;
  private QuarryConfig config;

  InProcessBackend(Path work, Map<String, String> settings, java.io.PrintStream progress) {
    this.work = work;
    this.settings = Map.copyOf(settings);
    this.progress = progress;
  }

  @Override
  public String describe() {
    return "in-process";
  }

  @Override
  public Map<String, String> engineSettings() {
    return config == null ? Map.of() : config.settings().values();
  }

  /** Where a corpus's index lives and the manifest that says what it holds. */
  private record Target(Path dir, String manifest) {
    boolean complete() throws IOException {
      Path file = dir.resolve(MANIFEST);
      return Files.isRegularFile(file) && Files.readString(file).equals(manifest);
    }
  }

  private Target target(Corpus corpus) throws IOException {
    Path file = corpus.file().toAbsolutePath().normalize();
    QuarryConfig probe = config(work.resolve("probe"));
    String model = probe.index().vectors() ? probe.embedding().model() : "none";
    String manifest = "corpus=" + file + "\nsize=" + Files.size(file)
        + "\nmodified=" + Files.getLastModifiedTime(file).toMillis()
        + "\nindex=" + probe.index().fingerprint() + "\nmodel=" + model
        // the document layout: an index from before the passages' hit doc value hydrates slower
        + "\nlayout=" + LAYOUT
        // a graph built or not is part of what was indexed (and of its cold cost)
        + "\ngraph=" + (probe.graph().built() ? probe.graph().store() + "/" + (probe.graph().llm() == null ? "opennlp" : "llm") : "off") + "\n";
    return new Target(work.resolve(stem(file) + "-" + hash(manifest)), manifest);
  }

  /**
   * Makes sure {@code corpus}'s index is complete, building it as {@link #index} does when it is
   * not, and leaves no engine open: an index already complete is not opened at all (an engine
   * start replays the graph and warms up, tens of seconds on a large corpus).
   *
   * @return the configuration an engine over that index runs with
   */
  QuarryConfig prepare(String setName, Corpus corpus) throws IOException {
    closeEngine();
    Target target = target(corpus);
    if (target.complete()) {
      progress.printf(Locale.ROOT, "[%s] reusing index %s%n", setName, target.dir());
      config = config(target.dir());
    } else {
      index(setName, corpus);
      closeEngine();
    }
    return config;
  }

  @Override
  public IndexStats index(String setName, Corpus corpus) throws IOException {
    closeEngine();
    Target target = target(corpus);
    Path dir = target.dir();
    String manifest = target.manifest();
    config = config(dir);
    Path manifestFile = dir.resolve(MANIFEST);
    if (target.complete()) {
      progress.printf(Locale.ROOT, "[%s] reusing index %s%n", setName, dir);
      engine = Wiring.engine(config);
      var stats = engine.stats();
      return new IndexStats(stats.documents(), stats.passages(), 0.0, 0.0, graphNodes(), graphEdges());
    }
    org.apache.lucene.util.IOUtils.rm(dir); // recursively; nothing to do when absent
    Files.createDirectories(dir);
    List<Document> docs = new ArrayList<>();
    corpus.forEach(docs::add);
    progress.printf(Locale.ROOT, "[%s] indexing %,d documents into %s%n", setName, docs.size(), dir);
    long start = System.nanoTime();
    engine = Wiring.engine(config);
    long[] lastReport = {System.nanoTime()};
    IndexResult r = engine.ingest(docs.iterator(), BATCH, soFar -> {
      if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
        lastReport[0] = System.nanoTime();
        double s = (lastReport[0] - start) / 1e9;
        progress.printf(Locale.ROOT, "[%s] %,d/%,d documents, %,d passages, %.1f passages/s%n",
            setName, soFar.indexed() + soFar.unchanged(), docs.size(), soFar.passages(), soFar.passages() / s);
      }
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.writeString(manifestFile, manifest, StandardCharsets.UTF_8);
    progress.printf(Locale.ROOT, "[%s] indexed %,d documents, %,d passages (%,d embedded) in %.1f s;"
            + " embedding %.1f s (%.1f passages/s)%n", setName, r.indexed(), r.passages(), r.embedded(),
        seconds, r.embedNanos() / 1e9, r.embedNanos() > 0 ? r.embedded() / (r.embedNanos() / 1e9) : 0.0);
    var stats = engine.stats();
    if (engine.graph() != null) {
      var x = engine.graph().indexer().extractionStats();
      var g = engine.graph().stats();
      progress.printf(Locale.ROOT, "[%s] graph: %,d entities, %,d mentions, %,d relations, %,d synonyms;"
              + " extraction %.1f s (%.0f passages/s)%n", setName, g.entities(), g.mentions(), g.relations(),
          g.synonyms(), x.seconds(), x.passagesPerSecond());
    }
    return new IndexStats(stats.documents(), stats.passages(), seconds, r.embedNanos() / 1e9, graphNodes(), graphEdges());
  }

  private Long graphNodes() {
    return engine.graph() == null ? null : engine.graph().stats().nodes();
  }

  private Long graphEdges() {
    return engine.graph() == null ? null : engine.graph().stats().edges();
  }

  private QuarryConfig config(Path dataDir) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.put("data.dir", dataDir.toString());
    all.putIfAbsent("embedding.cache_dir", work.resolve("embedding-cache").toString());
    // Every mode runs the same query texts: with the query cache on, all but the first mode would
    // skip the query embedding and report a latency no new query sees.
    all.putIfAbsent("embedding.query_cache_size", "0");
    return QuarryConfig.from(Settings.of(all));
  }

  @Override
  public BackendResult search(BackendQuery query) throws IOException {
    if (engine == null) {
      throw new IllegalStateException("search before index");
    }
    SearchRequest request = new SearchRequest(query.text(), query.k(),
        SearchMode.parse(query.mode().apiMode()), Filters.NONE.withAsOf(query.asOf()),
        query.mode().legs(), false, false);
    long t = System.nanoTime();
    SearchResponse r = engine.search(request);
    double ms = (System.nanoTime() - t) / 1e6;
    List<RankedHit> hits = new ArrayList<>(r.hits().size());
    for (Hit h : r.hits()) {
      hits.add(new RankedHit(h.id(), h.score(), h.date()));
    }
    return new BackendResult(hits, r.partial(), ms, r.timingsMs());
  }

  @Override
  public long exportPassageVectors(io.quarry.core.index.PassageVectors.Sink sink) throws IOException {
    if (engine == null) {
      throw new IllegalStateException("export before index");
    }
    return engine.exportPassageVectors(sink);
  }

  @Override
  public float[] queryVector(String text) {
    if (engine == null) {
      throw new IllegalStateException("query vector before index");
    }
    if (engine.encoder() == null) {
      throw new UnsupportedOperationException("the engine has no encoder (index.vectors=false)");
    }
    return engine.encoder().encodeQuery(text);
  }

  @Override
  public io.quarry.core.spi.TextEncoder newUncachedEncoder() {
    if (config == null) {
      throw new IllegalStateException("encoder before index");
    }
    return io.quarry.embeddings.EmbeddingModels.create(config.embedding().model(), config.embedding().encoder());
  }

  private static String stem(Path file) {
    Path parent = file.getParent();
    String name = parent == null ? file.getFileName().toString() : parent.getFileName().toString();
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private void closeEngine() throws IOException {
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeEngine();
  }
}
