package io.quarry.bench.peer;

import io.quarry.bench.backend.BenchMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * LanceDB, the embedded store many RAG users pick, as a peer: {@code peer.mjs} (a resource) under
 * Node with {@code @lancedb/lancedb} pinned in its {@code package-lock.json}. It gets Quarry's
 * own passage vectors and texts, and runs its vector, full-text and hybrid (RRF) searches beside
 * Quarry's {@code vector}, {@code bm25} and {@code fast}.
 */
final class LanceDbPeer implements Peer {

  static final String VERSION = "0.31.0";
  private static final List<String> FILES = List.of("peer.mjs", "package.json", "package-lock.json");
  private static final List<PeerLeg> LEGS = List.of(
      new PeerLeg("lancedb", "vector", BenchMode.VECTOR, true),
      new PeerLeg("lancedb", "fts", BenchMode.BM25, false),
      new PeerLeg("lancedb", "hybrid", BenchMode.FAST, true));
  private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration SEARCH_TIMEOUT = Duration.ofMinutes(1);

  private final Path work;
  private final PeerProcess process;

  private LanceDbPeer(Path work, PeerProcess process) {
    this.work = work;
    this.process = process;
  }

  /**
   * Starts the script in {@code dir}, where the {@code peers} Maven profile copied it and ran
   * {@code npm ci} (the runner installs nothing itself: the packages are large and come from the
   * npm registry).
   *
   * @throws IOException when the packages are not installed there, or Node cannot be started
   */
  static LanceDbPeer start(Path dir, Path work) throws IOException {
    if (!Files.isDirectory(dir.resolve("node_modules/@lancedb/lancedb"))) {
      throw new IOException("no LanceDB packages in " + dir + "; install them with: mvn -B -Ppeers"
          + " -pl bench package -DskipTests (npm ci, about 150 MB from the npm registry), or pass"
          + " --peers-dir");
    }
    Files.createDirectories(work);
    for (String f : FILES) { // the script as this jar has it, beside the installed packages
      try (InputStream in = LanceDbPeer.class.getResourceAsStream("lancedb/" + f)) {
        if (in == null) {
          throw new IOException("lancedb/" + f + " is missing from the bench jar");
        }
        byte[] bytes = in.readAllBytes();
        Path target = dir.resolve(f);
        if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
          Files.write(target, bytes);
        }
      }
    }
    PeerProcess p;
    try {
      p = new PeerProcess("lancedb", List.of("node", "peer.mjs"), dir, work.resolve("lancedb.log"));
    } catch (IOException e) {
      throw new IOException("cannot start node (is Node.js installed?): " + e.getMessage(), e);
    }
    String version = p.call(PeerProcess.request("version"), Duration.ofMinutes(1)).path("version").asText();
    if (!version.equals(VERSION)) {
      p.close();
      throw new IOException("LanceDB " + version + " is installed in " + dir + ", the script is"
          + " pinned to " + VERSION + "; reinstall with the peers Maven profile");
    }
    return new LanceDbPeer(work, p);
  }

  @Override
  public String name() {
    return "lancedb";
  }

  @Override
  public String describe() {
    return "lancedb " + VERSION + " (node; flat vector scan, cosine; FTS English stem+stop words;"
        + " hybrid RRF k=60; 3k passages fetched per query)";
  }

  @Override
  public List<PeerLeg> legs() {
    return LEGS;
  }

  @Override
  public boolean needsVectors() {
    return true;
  }

  @Override
  public void index(PeerCorpus corpus) throws IOException {
    Path db = work.resolve("db-" + corpus.set());
    org.apache.lucene.util.IOUtils.rm(db);
    process.call(PeerProcess.request("index").put("dir", db.toString())
        .put("passages", corpus.passages().toString()).put("vectors", corpus.vectorFile().toString())
        .put("dimension", corpus.vectors().dimension()), INDEX_TIMEOUT);
  }

  @Override
  public PeerAnswer search(PeerLeg leg, PeerQuery query) throws IOException {
    return process.search(leg.leg(), query, SEARCH_TIMEOUT);
  }

  @Override
  public void close() {
    process.close();
  }
}
