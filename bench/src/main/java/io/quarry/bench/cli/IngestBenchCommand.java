package io.quarry.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.quarry.bench.data.BenchQuery;
import io.quarry.bench.data.Corpus;
import io.quarry.bench.data.Queries;
import io.quarry.bench.data.Suite;
import io.quarry.bench.data.SuiteSet;
import io.quarry.core.document.Document;
import io.quarry.core.eval.Percentiles;
import io.quarry.server.App;
import io.quarry.server.Engine;
import io.quarry.server.Startup;
import io.quarry.server.Wiring;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import io.quarry.server.http.Json;
import io.quarry.server.http.JsonDocumentCodec;
import io.quarry.server.jobs.DocumentCodec;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quarry-bench ingest}: what asynchronous ingestion costs and promises, measured on one
 * set in one run, against a real server on a free loopback port:
 *
 * <ol>
 *   <li><b>accept</b>: the set's corpus submitted as jobs of {@code --batch} documents; the 202's
 *       client-side latency, P50 and P99 (the body is forced to disk before each 202);
 *   <li><b>cold</b>: documents and passages per second from the first 202 to the last job's end,
 *       every passage embedded;
 *   <li><b>idle search</b>: the set's queries, P50 and P99, nothing else running;
 *   <li><b>loaded search</b>: the same queries while a copy of the corpus (new ids, texts changed
 *       so that nothing comes from the embedding cache) is ingested; P50 and P99, and their
 *       ratios to idle, measured side by side in this run;
 *   <li><b>cached</b>: the corpus again under new ids with the same texts: every embedding comes
 *       from the cache, so this is the write path without inference.
 * </ol>
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingestion through POST /v1/ingest: 202 latency, throughput cold and cached, search P99 under load.")
final class IngestBenchCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--suite", required = true, description = "suite.json")
  Path suite;

  @Option(names = "--set", required = true, description = "the set whose corpus and queries to use")
  String set;

  @Option(names = "--batch", defaultValue = "100", description = "documents per submitted job (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--config", description = "engine configuration key=value (repeatable)")
  Map<String, String> config = new LinkedHashMap<>();

  @Option(names = "--work", defaultValue = "work/ingest", description = "data directory, emptied first (default: ${DEFAULT-VALUE})")
  Path work;

  @Option(names = "--out", defaultValue = "ingest.json", description = "default: ${DEFAULT-VALUE}")
  Path out;

  private final PrintStream stdout;
  // HTTP/1.1: the JDK client's default, HTTP/2, asks a plain-text server to upgrade on every
  // connection, which is not what a client of a search server pays
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final DocumentCodec codec = new JsonDocumentCodec(Json.mapper());
  private String base;

  IngestBenchCommand(PrintStream stdout) {
    this.stdout = stdout;
  }

  @Override
  public Integer call() throws Exception {
    SuiteSet s = Suite.read(suite).select(List.of(set)).getFirst();
    List<Document> corpus = new ArrayList<>();
    new Corpus(s.corpus()).forEach(corpus::add);
    List<BenchQuery> queries = Queries.read(s.queries());
    org.apache.lucene.util.IOUtils.rm(work); // recursively; nothing to do when absent
    Map<String, String> settings = new LinkedHashMap<>(config);
    settings.put("data.dir", work.toString());
    settings.putIfAbsent("server.max_body_bytes", Long.toString(256L << 20));
    settings.putIfAbsent("ingest.max_documents", Integer.toString(Math.max(batch, 10_000)));
    settings.putIfAbsent("ingest.queue_documents", Integer.toString(Math.max(1_000_000, corpus.size() * 4)));
    QuarryConfig qc = QuarryConfig.from(Settings.of(settings));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("set", s.name());
    report.put("documents", corpus.size());
    report.put("batch", batch);
    report.put("config", settings);
    try (Engine engine = Wiring.engine(qc)) {
      Javalin app = App.create(Startup.of(engine), qc).start("127.0.0.1", 0);
      base = "http://127.0.0.1:" + app.port();
      try {
        // 1, 2: accept latency and cold throughput
        long t0 = System.nanoTime();
        Submitted cold = submitAll(corpus);
        List<JsonNode> coldJobs = awaitAll(cold.jobs());
        double coldSeconds = (System.nanoTime() - t0) / 1e9;
        report.put("accept_while_embedding", latency(cold));
        report.put("cold", throughput(coldJobs, coldSeconds));
        // accept latency by batch size with a light worker (every document is already indexed),
        // back to back (the worker commits while the next body is forced to disk) and on an idle
        // worker (each job finished before the next is sent)
        Map<String, Object> bySize = new LinkedHashMap<>();
        Map<String, Object> idleBySize = new LinkedHashMap<>();
        for (int size : java.util.stream.IntStream.of(1, 100, 1000).map(n -> Math.min(n, corpus.size())).distinct()
            .toArray()) {
          Submitted again = submitSize(corpus, size, 30, false);
          awaitAll(again.jobs());
          bySize.put(Integer.toString(size), latency(again));
          idleBySize.put(Integer.toString(size), latency(submitSize(corpus, size, 30, true)));
        }
        report.put("accept_unchanged_by_batch", bySize);
        report.put("accept_idle_by_batch", idleBySize);
        // 3: idle search, after one unmeasured pass
        for (BenchQuery q : queries) {
          search(q.text());
        }
        List<Double> idle = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
          for (BenchQuery q : queries) {
            idle.add(search(q.text()));
          }
        }
        // 4: search while a corpus that needs embedding is ingested
        long t1 = System.nanoTime();
        Submitted load = submitAll(corpus.stream().map(d -> copy(d, "load-", " (copy)")).toList());
        List<Double> loaded = new ArrayList<>();
        int i = 0;
        do { // at least one search, however small the corpus
          loaded.add(search(queries.get(i++ % queries.size()).text()));
        } while (!allFinished(load.jobs()));
        double loadSeconds = (System.nanoTime() - t1) / 1e9;
        Map<String, Object> searches = new LinkedHashMap<>();
        searches.put("idle", Map.of("p50_ms", round(pct(idle, 50)), "p99_ms", round(pct(idle, 99)),
            "n", idle.size()));
        searches.put("under_ingestion", Map.of("p50_ms", round(pct(loaded, 50)),
            "p99_ms", round(pct(loaded, 99)), "n", loaded.size()));
        searches.put("p50_ratio", round(pct(loaded, 50) / pct(idle, 50)));
        searches.put("p99_ratio", round(pct(loaded, 99) / pct(idle, 99)));
        report.put("search", searches);
        report.put("cold_under_search_load", throughput(awaitAll(load.jobs()), loadSeconds));
        // 5: the same texts again: every embedding from the cache
        long t2 = System.nanoTime();
        Submitted cached = submitAll(corpus.stream().map(d -> copy(d, "cached-", "")).toList());
        report.put("cached", throughput(awaitAll(cached.jobs()), (System.nanoTime() - t2) / 1e9));
      } finally {
        app.stop();
      }
    }
    Files.writeString(out, JSON.writeValueAsString(report));
    stdout.println(JSON.writeValueAsString(report));
    return 0;
  }

  /**
   * @param clientMs each 202 as the client timed it
   * @param serverMs the same as the server timed it, by {@code Server-Timing} entry: {@code accept}
   *     (reading, validating and forcing the body to disk, without the HTTP round trip) and its
   *     phases {@code read}, {@code parse} and {@code journal}
   */
  private record Submitted(List<String> jobs, List<Double> clientMs, Map<String, List<Double>> serverMs) {
    Submitted() {
      this(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>());
    }
  }

  private Submitted submitAll(List<Document> docs) throws Exception {
    Submitted out = new Submitted();
    for (int from = 0; from < docs.size(); from += batch) {
      submit(docs.subList(from, Math.min(docs.size(), from + batch)), out);
    }
    return out;
  }

  /**
   * {@code times} submissions of {@code size} documents each, cycling through {@code docs}; with
   * {@code awaitEach}, each job is finished before the next is sent.
   */
  private Submitted submitSize(List<Document> docs, int size, int times, boolean awaitEach) throws Exception {
    Submitted out = new Submitted();
    for (int i = 0; i < times; i++) {
      int from = (i * size) % Math.max(1, docs.size() - size + 1);
      submit(docs.subList(from, from + size), out);
      if (awaitEach) {
        awaitAll(out.jobs().subList(out.jobs().size() - 1, out.jobs().size()));
      }
    }
    return out;
  }

  private void submit(List<Document> docs, Submitted into) throws Exception {
    byte[] body = codec.encode(DocumentCodec.Batch.of(docs));
    long t = System.nanoTime();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/ingest"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    into.clientMs().add((System.nanoTime() - t) / 1e6);
    if (r.statusCode() != 202) {
      throw new IllegalStateException("POST /v1/ingest answered " + r.statusCode() + ": " + r.body());
    }
    for (String entry : r.headers().firstValue("Server-Timing").orElse("").split(",")) {
      String[] parts = entry.trim().split(";dur=");
      if (parts.length == 2) {
        into.serverMs().computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Double.parseDouble(parts[1]));
      }
    }
    into.jobs().add(JSON.readTree(r.body()).get("job").asText());
  }

  private static Map<String, Object> latency(Submitted s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", s.clientMs().size());
    m.put("client_p50_ms", round(pct(s.clientMs(), 50)));
    m.put("client_p99_ms", round(pct(s.clientMs(), 99)));
    s.serverMs().forEach((name, ms) -> {
      String prefix = name.equals("accept") ? "server" : "server_" + name;
      m.put(prefix + "_p50_ms", round(pct(ms, 50)));
      m.put(prefix + "_p99_ms", round(pct(ms, 99)));
    });
    return m;
  }

  private double search(String query) throws Exception {
    byte[] body = JSON.writeValueAsBytes(Map.of("query", query, "k", 10));
    long t = System.nanoTime();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/search"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - t) / 1e6;
    if (r.statusCode() != 200) {
      throw new IllegalStateException("POST /v1/search answered " + r.statusCode() + ": " + r.body());
    }
    return ms;
  }

  private JsonNode job(String id) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs/" + id)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private boolean allFinished(List<String> ids) throws Exception {
    return !job(ids.getLast()).has("poll_after_ms"); // jobs run in order
  }

  private List<JsonNode> awaitAll(List<String> ids) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String id : ids) {
      JsonNode j = job(id);
      while (j.has("poll_after_ms")) {
        Thread.sleep(20);
        j = job(id);
      }
      if (!j.get("state").asText().equals("succeeded")) {
        throw new IllegalStateException("job " + id + " ended " + j);
      }
      out.add(j);
    }
    return out;
  }

  private static Map<String, Object> throughput(List<JsonNode> jobs, double seconds) {
    long docs = 0;
    long passages = 0;
    long embed = 0;
    long extract = 0;
    long index = 0;
    for (JsonNode j : jobs) {
      docs += j.get("counts").get("total").asLong();
      passages += j.get("passages").asLong();
      embed += j.get("timings_ms").get("embed").asLong();
      extract += j.get("timings_ms").get("extract").asLong();
      index += j.get("timings_ms").get("index").asLong();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", round(seconds));
    m.put("documents_per_second", round(docs / seconds));
    m.put("passages_per_second", round(passages / seconds));
    m.put("stage_seconds", Map.of("embed", embed / 1000.0, "extract", extract / 1000.0, "index", index / 1000.0));
    return m;
  }

  private static Document copy(Document d, String idPrefix, String textSuffix) {
    return new Document(idPrefix + d.id(), d.title(), d.text() + textSuffix, d.source(), d.date(), d.url(), d.facets());
  }

  private static double pct(List<Double> values, double p) {
    return Percentiles.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
