package io.quarry.bench.run;

import io.quarry.bench.backend.BackendQuery;
import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.backend.RankedHit;
import io.quarry.bench.backend.SearchBackend;
import io.quarry.bench.data.BenchQuery;
import io.quarry.bench.peer.OnnxRuntimeCheck;
import io.quarry.bench.peer.Peer;
import io.quarry.bench.peer.PeerAnswer;
import io.quarry.bench.peer.PeerCorpus;
import io.quarry.bench.peer.PeerLeg;
import io.quarry.bench.peer.PeerQuery;
import io.quarry.bench.peer.Peers;
import io.quarry.core.eval.QueryScores;
import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.onnx.OnnxBertEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The peers' side of a run: per set it exports the corpus (and Quarry's vectors) and lets each
 * peer index it; per query it sends the same query to every peer leg that runs beside the mode
 * Quarry just answered, so the two alternate query by query; per mode it turns the legs'
 * outcomes into result rows with their P50 ratio to Quarry's.
 *
 * <p>A vector leg's latency is the query embedding (Quarry's encoder, timed here, uncached) plus
 * the peer's search, as Quarry's own vector leg pays both.
 */
final class PeerRun {

  private final Peers peers;
  private final SearchBackend backend;
  private final Path work;
  private final PrintStream progress;
  private final int onnxTexts;
  private final Map<String, List<QueryOutcome>> outcomes = new LinkedHashMap<>();
  private final Map<String, Double> recallSums = new LinkedHashMap<>();
  private final Map<String, Integer> recallCounts = new LinkedHashMap<>();
  private OnnxRuntimeCheck.Result onnx;
  private PeerCorpus corpus;

  /**
   * @param onnxTexts passages the ONNX Runtime check encodes per round
   */
  PeerRun(Peers peers, SearchBackend backend, Path work, PrintStream progress, int onnxTexts) {
    this.peers = peers;
    this.backend = backend;
    this.work = work;
    this.progress = progress;
    this.onnxTexts = onnxTexts;
  }

  /** After Quarry indexed the set: export it, let every peer index it, run the ONNX check once. */
  void index(SetData data) throws IOException {
    boolean vectors = peers.needVectors() || peers.onnxRuntime() && onnx == null;
    progress.printf(Locale.ROOT, "[%s] exporting the corpus%s for the peers%n", data.set().name(),
        vectors ? " and Quarry's passage vectors" : "");
    corpus = PeerCorpus.write(data.set().name(), work.resolve("corpus-" + data.set().name()),
        data.corpus(), vectors ? backend::exportPassageVectors : null);
    for (Peer p : peers.ready()) {
      long t = System.nanoTime();
      p.index(corpus);
      progress.printf(Locale.ROOT, "[%s] %s indexed in %.1f s%n", data.set().name(), p.name(),
          (System.nanoTime() - t) / 1e9);
    }
    if (peers.onnxRuntime() && onnx == null) {
      onnxCheck();
    }
  }

  private void onnxCheck() throws IOException {
    try (TextEncoder encoder = backend.newUncachedEncoder()) {
      if (!(encoder instanceof OnnxBertEncoder ort)) {
        peers.note(new Peers.Status("onnxruntime", "skipped", "the model " + encoder.modelId()
            + " is not an in-process ONNX model"));
        return;
      }
      List<String> texts = new ArrayList<>();
      try (var lines = java.nio.file.Files.lines(corpus.passages())) {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String l : (Iterable<String>) lines.limit(onnxTexts)::iterator) {
          texts.add(mapper.readTree(l).get("text").asText());
        }
      }
      for (int i = 0; texts.size() < onnxTexts && i < texts.size(); i++) {
        texts.add(texts.get(i)); // a corpus smaller than the sample is encoded more than once
      }
      int threads = ort.config().workers() * ort.config().intraOpThreads();
      progress.printf(Locale.ROOT, "[onnxruntime] %d passages, %d threads, %s%n", texts.size(),
          threads, ort.modelId());
      onnx = OnnxRuntimeCheck.measure(ort, ort.spec(), threads, texts, 3, progress);
      peers.note(new Peers.Status("onnxruntime", "ready", "raw ONNX Runtime on " + ort.modelId()
          + ", " + threads + " intra-op threads, batches of " + OnnxRuntimeCheck.RAW_BATCHES
          + " in input order; ratio " + onnx.ratio()));
    } catch (UnsupportedOperationException e) {
      peers.note(new Peers.Status("onnxruntime", "skipped", e.getMessage()));
    }
  }

  /** The warm-up: every leg beside {@code mode} runs the query once, untimed. */
  void warm(BenchQuery q, BenchMode mode) throws IOException {
    float[] vector = null; // embedded once, for every leg that wants it
    for (Peer p : peers.ready()) {
      for (PeerLeg leg : p.legs()) {
        if (leg.versus() == mode) {
          if (leg.wantsVector() && vector == null) {
            vector = backend.queryVector(q.text());
          }
          p.search(leg, new PeerQuery(q.text(), BackendQuery.RUN_DEPTH,
              leg.wantsVector() ? vector : null, q.asOf()));
        }
      }
    }
  }

  /** Right after Quarry answered {@code q} in {@code mode}: every leg beside it answers it too. */
  void after(SetData data, BenchQuery q, BenchMode mode, QueryOutcome quarry) throws IOException {
    float[] vector = null;
    double embedMs = 0;
    for (Peer p : peers.ready()) {
      for (PeerLeg leg : p.legs()) {
        if (leg.versus() != mode) {
          continue;
        }
        if (leg.wantsVector() && vector == null) {
          long t = System.nanoTime();
          vector = backend.queryVector(q.text());
          embedMs = (System.nanoTime() - t) / 1e6;
        }
        PeerAnswer a = p.search(leg, new PeerQuery(q.text(), BackendQuery.RUN_DEPTH,
            leg.wantsVector() ? vector : null, q.asOf()));
        double ms = a.searchMs() + (leg.wantsVector() ? embedMs : 0);
        QueryScores scores = data.evaluator()
            .evaluate(q.id(), a.hits().stream().map(RankedHit::id).toList(), q.referenceDate())
            .orElse(null);
        Map<String, Double> stages = leg.wantsVector()
            ? Map.of("embed", embedMs, "search", a.searchMs()) : Map.of("search", a.searchMs());
        outcomes.computeIfAbsent(leg.mode(), k -> new ArrayList<>())
            .add(new QueryOutcome(q, a.hits(), false, ms, scores, stages));
        if (leg.peer().equals("exact") && mode == BenchMode.VECTOR) {
          recall(data.set().name(), quarry.hits(), a.hits());
        }
      }
    }
  }

  /** HNSW's recall@100 for one query: the share of the exact top 100 Quarry's vector mode found. */
  private void recall(String set, List<RankedHit> hnsw, List<RankedHit> exact) {
    if (exact.isEmpty()) {
      return;
    }
    Set<String> found = new HashSet<>();
    hnsw.forEach(h -> found.add(h.id()));
    long hit = exact.stream().filter(h -> found.contains(h.id())).count();
    recallSums.merge(set, (double) hit / exact.size(), Double::sum);
    recallCounts.merge(set, 1, Integer::sum);
  }

  /**
   * The rows of every leg that ran beside {@code mode} in this set, each against the Quarry row
   * of its category; clears what was collected.
   */
  List<ResultRow> rows(SetData data, BenchMode mode, List<ResultRow> quarryRows) {
    List<ResultRow> out = new ArrayList<>();
    outcomes.forEach((legMode, list) -> {
      for (ResultRow r : ResultRows.of(data.set().name(), legMode, list, data.evaluator().metrics())) {
        ResultRow mine = quarryRows.stream().filter(q -> q.category().equals(r.category()))
            .findFirst().orElse(null);
        out.add(mine == null ? r : r.versus(mine));
      }
    });
    outcomes.clear();
    return out;
  }

  /** What goes into run.json's {@code peers}. */
  PeerReport report() {
    Map<String, Double> recall = new LinkedHashMap<>();
    recallSums.forEach((set, sum) -> recall.put(set,
        Rounding.round(sum / recallCounts.get(set), Rounding.METRIC_DECIMALS)));
    return new PeerReport(peers.statuses(), recall, onnx);
  }
}
