package io.quarry.embeddings.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.quarry.embeddings.EmbeddingModels;
import io.quarry.embeddings.cache.CachingEncoder;
import io.quarry.embeddings.onnx.OnnxBertEncoder;
import io.quarry.embeddings.onnx.OnnxEncoderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;


/**
 * Throughput and latency of the bge-small-en-v1.5-q encoders on the first N SciFact abstracts.
 *
 * <p>Run from the worktree root:
 *
 * <pre>
 * mvn -B -q -pl embeddings -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED -cp embeddings/target/test-classes:embeddings/target/classes:$(cat /tmp/cp.txt) \
 *   io.quarry.embeddings.bench.EncoderBench /work/shared/datasets/beir-scifact 300 3
 * </pre>
 *
 * Arguments: dataset dir, number of docs, runs per setting, optional list of sections
 * (baseline,batch,query,cache; default all). Prints every run and the median. System properties:
 * {@code -Dconfigs=2x1:1:512,...} (workers x intra-op : batch size : batch tokens) for the batch
 * section, {@code -DqueryConfigs=...} for the query section, {@code -Dtitles=true} for titles only.
 */
public final class EncoderBench {

  /** workers x intra-op : max batch size : max batch tokens, comma separated. */
  static final String DEFAULT_CONFIGS =
      "1x2:1:512,1x2:4:2048,1x2:8:4096,1x2:16:8192,1x2:32:16384,2x1:1:512,2x1:4:2048,2x1:8:4096,2x1:16:8192,2x1:32:16384,2x1:8:512";

  private static long truncated;

  static List<OnnxEncoderConfig> configs(String spec) {
    List<OnnxEncoderConfig> out = new ArrayList<>();
    for (String c : spec.split(",")) {
      String[] f = c.split("[x:]");
      out.add(new OnnxEncoderConfig(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    List<String> sections = args.length > 3 ? Arrays.asList(args[3].split(",")) : List.of("baseline", "batch", "query", "cache");
    // -Dtitles=true embeds titles only (short texts, ~20 tokens) to see where batching pays
    boolean titles = Boolean.getBoolean("titles");
    List<String> docs = SciFact.corpus(dir.resolve("corpus.jsonl.gz"), n).stream()
        .map(d -> titles ? d.text().substring(0, d.text().indexOf('\n')) : d.text()).toList();
    List<String> queries = SciFact.queries(dir.resolve("queries.train.jsonl")).values().stream().limit(50).toList();
    System.out.printf(Locale.ROOT, "docs %d, mean words %.0f, runs %d, cores %d%n", docs.size(),
        docs.stream().mapToInt(d -> d.split("\\s+").length).average().orElse(0), runs,
        Runtime.getRuntime().availableProcessors());

    if (sections.contains("baseline")) {
      EmbeddingModel l4j = new BgeSmallEnV15QuantizedEmbeddingModel();
      l4j.embed("warm up");
      report("langchain4j embed() one at a time", runs, () -> {
        for (String d : docs) {
          l4j.embed(d);
        }
      }, docs.size());
    }
    if (sections.contains("batch")) {
      for (OnnxEncoderConfig config : configs(System.getProperty("configs", DEFAULT_CONFIGS))) {
        try (OnnxBertEncoder enc = new OnnxBertEncoder(EmbeddingModels.bgeSmallEnV15Q(), config)) {
          enc.encodePassages(docs.subList(0, Math.min(20, docs.size())));
          long truncatedBefore = enc.truncatedCount();
          report(String.format(Locale.ROOT, "ours %d worker(s) x %d intra-op, batch %2d, tokens %5d", config.workers(),
              config.intraOpThreads(), config.maxBatchSize(), config.maxBatchTokens()), runs, () -> enc.encodePassages(docs), docs.size());
          truncated = (enc.truncatedCount() - truncatedBefore) / runs;
        }
      }
      System.out.println("  truncated at 512 tokens per pass: " + truncated + " of " + docs.size());
    }
    if (sections.contains("query")) {
      EmbeddingModel l4j = new BgeSmallEnV15QuantizedEmbeddingModel();
      l4j.embed("warm up");
      for (OnnxEncoderConfig config : configs(System.getProperty("queryConfigs", "1x2:1:512,2x1:1:512"))) {
        try (OnnxBertEncoder enc = new OnnxBertEncoder(EmbeddingModels.bgeSmallEnV15Q(), config)) {
          enc.encodeQuery("warm up");
          for (int r = 0; r < runs; r++) {
            // interleaved, so that both see the same background load
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (String q : queries) {
              ours.add(latencyMs(() -> enc.encodeQuery(q)));
              theirs.add(latencyMs(() -> l4j.embed(EmbeddingModels.BGE_QUERY_PREFIX + q)));
            }
            System.out.printf(Locale.ROOT, "query latency %dx%d run %d: ours %.2f ms, langchain4j %.2f ms (median of %d)%n",
                config.workers(), config.intraOpThreads(), r, median(ours), median(theirs), queries.size());
          }
        }
      }
    }
    if (sections.contains("cache")) {
      Path tmp = Files.createTempDirectory("quarry-bench-cache");
      try (CachingEncoder enc = CachingEncoder.open(
          new OnnxBertEncoder(EmbeddingModels.bgeSmallEnV15Q(), OnnxEncoderConfig.defaults()), tmp, 1024)) {
        System.out.println("cache over " + enc.inner());
        long t0 = System.nanoTime();
        enc.encodePassages(docs);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "cache first pass: %.1f passages/s (%.0f ms)%n",
            docs.size() / ((t1 - t0) / 1e9), (t1 - t0) / 1e6);
        report("cache second pass (all hits)", runs, () -> enc.encodePassages(docs), docs.size());
        System.out.println("  stats " + enc.stats());
      }
    }
  }

  private static void report(String label, int runs, Runnable work, int items) {
    double[] rates = new double[runs];
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      work.run();
      rates[r] = items / ((System.nanoTime() - t0) / 1e9);
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-45s median %8.1f passages/s  (runs: %s)%n", label, sorted[runs / 2],
        Arrays.toString(Arrays.stream(rates).map(x -> Math.round(x * 10) / 10.0).toArray()));
  }

  private static double latencyMs(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
