package io.quarry.bench.peer;

import io.quarry.bench.backend.BenchMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Anserini, the reference Lucene BM25 (Lin et al.), as a peer: its own JVM over Anserini's fat jar
 * (Anserini 1.5 ships Lucene 9.9, Quarry Lucene 10), driven by {@code AnseriniDriver.java} (a
 * resource, run by the JDK's source launcher). It indexes the same documents with its
 * SimpleIndexer and answers with SimpleSearcher at its BM25 defaults, as its BEIR regressions do.
 */
final class AnseriniPeer implements Peer {

  /** The version the {@code peers} Maven profile fetches. */
  static final String VERSION = "1.5.0";
  static final String JAR = "anserini-" + VERSION + "-fatjar.jar";

  private static final PeerLeg BM25 = new PeerLeg("anserini", "bm25", BenchMode.BM25, false);
  private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration SEARCH_TIMEOUT = Duration.ofMinutes(1);

  private final Path jar;
  private final Path work;
  private final PeerProcess process;

  private AnseriniPeer(Path jar, Path work, PeerProcess process) {
    this.jar = jar;
    this.work = work;
    this.process = process;
  }

  /**
   * Starts the driver.
   *
   * @param jar the fat jar
   * @param work where its indexes and log go
   * @throws IOException when it cannot be started
   */
  static AnseriniPeer start(Path jar, Path work) throws IOException {
    Files.createDirectories(work);
    Path driver = work.resolve("AnseriniDriver.java");
    try (InputStream in = AnseriniPeer.class.getResourceAsStream("AnseriniDriver.java")) {
      if (in == null) {
        throw new IOException("AnseriniDriver.java is missing from the bench jar");
      }
      Files.copy(in, driver, StandardCopyOption.REPLACE_EXISTING);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    PeerProcess p = new PeerProcess("anserini", List.of(java, "-Xmx4g",
        "--enable-native-access=ALL-UNNAMED", "-cp", jar.toAbsolutePath().toString(),
        driver.toString()), work, work.resolve("anserini.log"));
    return new AnseriniPeer(jar, work, p);
  }

  @Override
  public String name() {
    return "anserini";
  }

  @Override
  public String describe() {
    return "anserini " + jar.getFileName() + " (SimpleSearcher, BM25 k1=0.9 b=0.4, DefaultEnglishAnalyzer)";
  }

  @Override
  public List<PeerLeg> legs() {
    return List.of(BM25);
  }

  @Override
  public boolean needsVectors() {
    return false;
  }

  @Override
  public void index(PeerCorpus corpus) throws IOException {
    Path dir = work.resolve("index-" + corpus.set());
    org.apache.lucene.util.IOUtils.rm(dir); // recursively; nothing to do when absent
    process.call(PeerProcess.request("index").put("documents", corpus.documents().toString())
        .put("dir", dir.toString()), INDEX_TIMEOUT);
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
