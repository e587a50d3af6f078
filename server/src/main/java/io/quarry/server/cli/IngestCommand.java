package io.quarry.server.cli;

import io.quarry.core.index.IndexResult;
import io.quarry.server.Engine;
import io.quarry.server.Wiring;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.ingest.DocumentFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quarry ingest}: bulk-loads documents into the data directory. The input is validated in
 * full before anything is written, and committed once at the end.
 */
@Command(name = "ingest", description = "Index documents from a .jsonl, .jsonl.gz or a directory of them.")
public final class IngestCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "PATH", description = "A .jsonl or .jsonl.gz file, or a directory of them.")
  Path path;

  @Option(names = "--batch", defaultValue = "64",
      description = "Documents per indexing batch (the encoder batches their passages by length). Default: 64.")
  int batch;

  @Option(names = "--server", paramLabel = "URL",
      description = "Submit to a running server (e.g. http://127.0.0.1:7070) as jobs and follow them,"
          + " instead of writing the data directory here.")
  String server;

  @Option(names = "--chunk", defaultValue = "1000",
      description = "With --server: documents per job (at most the server's ingest.max_documents). Default: 1000.")
  int chunk;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || batch > 100_000) {
      throw new IllegalArgumentException("illegal --batch: " + batch + ", must be in 1..100000");
    }
    if (chunk < 1 || chunk > 1_000_000) {
      throw new IllegalArgumentException("illegal --chunk: " + chunk + ", must be in 1..1000000");
    }
    DocumentFiles files = DocumentFiles.of(path);
    if (server != null) {
      return remote(files);
    }
    QuarryConfig config = common.config(Map.of());
    System.err.printf(Locale.ROOT, "checking %s ...%n", path);
    DocumentFiles.Scan scan = files.scan();
    if (scan.skippedEmpty() > 0) {
      System.err.printf(Locale.ROOT, "%,d lines have neither title nor text and are skipped%n", scan.skippedEmpty());
    }
    long start = System.nanoTime();
    try (Engine engine = Wiring.engine(config)) {
      ProgressBar bar = new ProgressBar(System.err, scan.documents(), "docs");
      IndexResult r = engine.ingest(files.iterator(), batch, soFar ->
          bar.update(soFar.indexed() + soFar.unchanged(), String.format(Locale.ROOT, "%,d passages", soFar.passages())));
      double seconds = (System.nanoTime() - start) / 1e9;
      double embedSeconds = r.embedNanos() / 1e9;
      System.out.printf(Locale.ROOT,
          "indexed %,d documents (%,d passages, %,d embedded), %,d unchanged, in %.1f s: "
              + "%.1f documents/s, %.1f passages/s; embedding took %.1f s (%.1f passages/s), "
              + "the graph %.1f s, Lucene %.1f s%n",
          r.indexed(), r.passages(), r.embedded(), r.unchanged(), seconds,
          (r.indexed() + r.unchanged()) / seconds, r.passages() / seconds, embedSeconds,
          embedSeconds > 0 ? r.embedded() / embedSeconds : 0.0, r.listenerNanos() / 1e9, r.writeNanos() / 1e9);
    }
    return 0;
  }

  private int remote(DocumentFiles files) throws Exception {
    System.err.printf(Locale.ROOT, "checking %s ...%n", path);
    DocumentFiles.Scan scan = files.scan();
    long start = System.nanoTime();
    ProgressBar bar = new ProgressBar(System.err, scan.documents(), "docs");
    long indexed = 0;
    long unchanged = 0;
    long failed = 0;
    for (var job : new RemoteIngest(server).run(files.iterator(), chunk, bar)) {
      indexed += job.get("counts").get("indexed").asLong();
      unchanged += job.get("counts").get("unchanged").asLong();
      failed += job.get("counts").get("failed").asLong();
    }
    System.out.printf(Locale.ROOT, "server %s: %,d documents indexed, %,d unchanged, %,d failed, in %.1f s%s%n",
        server, indexed, unchanged, failed, (System.nanoTime() - start) / 1e9,
        failed > 0 ? " (see GET /v1/dead-letters)" : "");
    return failed > 0 ? 2 : 0;
  }
}
