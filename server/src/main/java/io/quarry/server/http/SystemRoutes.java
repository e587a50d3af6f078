package io.quarry.server.http;

import io.quarry.graph.model.GraphStats;
import io.quarry.server.GraphParts;
import io.quarry.server.jobs.IngestService;
import io.javalin.http.Context;
import io.quarry.core.index.IndexStats;
import io.quarry.server.Startup;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health}, {@code /ready} and {@code /v1/stats}. */
public final class SystemRoutes {

  private final Startup startup;
  private final Problems problems;

  public SystemRoutes(Startup startup, Problems problems) {
    this.startup = startup;
    this.problems = problems;
  }

  /**
   * 200 as soon as the process serves HTTP (a liveness check); once the engine is up, the status
   * is its health: {@code ok}, or {@code degraded} with the reasons (a reranker that did not load,
   * a graph that is enabled but empty while documents exist).
   */
  public void health(Context ctx) {
    if (!startup.ready()) {
      ctx.json(Map.of("status", "ok"));
      return;
    }
    var health = startup.engine().health();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", health.status());
    if (!health.reasons().isEmpty()) {
      out.put("reasons", health.reasons());
    }
    ctx.json(out);
  }

  /** 200 once the index is open and the models are loaded and warmed, 503 before. */
  public void ready(Context ctx) {
    if (startup.ready()) {
      ctx.json(Map.of("status", "ready"));
    } else {
      problems.send(ctx, Problem.of("unavailable", "Service unavailable", 503,
          startup.future().isCompletedExceptionally() ? "the engine failed to start; see the server log"
              : "starting: the index is opening and the models are loading"));
    }
  }

  /** {@code GET /metrics}: Prometheus text exposition. */
  public void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(startup.engine().metrics().scrape());
  }

  public void stats(Context ctx) {
    var engine = startup.engine();
    IndexStats s = engine.stats();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("documents", s.documents());
    out.put("passages", s.passages());
    out.put("embedded_passages", s.embeddedPassages());
    out.put("index_bytes", s.sizeBytes());
    out.put("last_write", s.lastWrite() == null ? null : s.lastWrite().toString());
    out.put("embedding_model", s.embeddingModel());
    out.put("dimension", s.dimension());
    out.put("legs", engine.legs());
    out.put("deep", engine.deepEnabled());
    out.put("reranker", engine.reranker() == null ? null
        : Map.of("model", engine.reranker().modelId(), "device", engine.reranker().device(),
            "blend_weight", engine.reranker().blendWeight()));
    GraphParts graph = engine.graph();
    if (graph != null) {
      GraphStats g = graph.stats();
      Map<String, Object> gs = new LinkedHashMap<>();
      gs.put("store", graph.store().kind());
      gs.put("extractor", graph.describeExtractor());
      if (!graph.fallbacks().isEmpty()) {
        gs.put("llm_fallbacks", graph.fallbacks());
      }
      gs.put("documents", g.documents());
      gs.put("passages", g.passages());
      gs.put("entities", g.entities());
      gs.put("mentions", g.mentions());
      gs.put("relations", g.relations());
      gs.put("synonyms", g.synonyms());
      gs.put("last_extraction", g.lastExtraction() == null ? null : g.lastExtraction().toString());
      var x = graph.indexer().extractionStats();
      gs.put("extracted_since_start", Map.of("documents", x.documents(), "passages", x.passages(),
          "seconds", Math.round(x.seconds() * 100) / 100.0,
          "passages_per_second", Math.round(x.passagesPerSecond() * 10) / 10.0));
      out.put("graph", gs);
    }
    IngestService ingest = engine.ingest();
    if (ingest != null) {
      IngestService.Stats st = ingest.stats();
      Map<String, Object> is = new LinkedHashMap<>();
      Map<String, Integer> byState = new LinkedHashMap<>();
      st.jobs().forEach((state, n) -> byState.put(state.wire(), n));
      is.put("jobs", byState);
      is.put("queued_documents", st.queuedDocuments());
      is.put("oldest_queued_age_s", st.oldestQueuedAge().toSeconds());
      is.put("dead_letters", st.deadLetters());
      is.put("last_indexed_at", st.lastIndexedAt() == null ? null : st.lastIndexedAt().toString());
      is.put("documents_per_second", Math.round(st.documentsPerSecond() * 10) / 10.0);
      out.put("ingest", is);
    }
    var health = engine.health();
    out.put("status", health.status());
    if (!health.reasons().isEmpty()) {
      out.put("reasons", health.reasons());
    }
    ctx.json(out);
  }
}
