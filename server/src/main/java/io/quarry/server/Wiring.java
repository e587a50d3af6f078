package io.quarry.server;

import io.quarry.core.search.leg.DisabledLeg;
import io.quarry.core.search.leg.RetrieverLeg;
import io.quarry.core.spi.DocumentListener;
import io.quarry.graph.GraphIndexer;
import io.quarry.graph.extract.Extractor;
import io.quarry.graph.extract.FallbackExtractor;
import io.quarry.graph.extract.OpenNlpExtractor;
import io.quarry.graph.extract.OpenNlpModels;
import io.quarry.graph.retrieve.EntityLinker;
import io.quarry.graph.retrieve.GraphRetriever;
import io.quarry.graph.store.EmbeddedGraphStore;
import io.quarry.graph.store.FalkorGraphStore;
import io.quarry.graph.store.GraphStore;
import io.quarry.server.config.GraphConfig;
import io.quarry.core.index.Indexer;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.leg.Bm25Leg;
import java.time.Clock;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.search.SearchMode;
import io.quarry.core.search.service.SearchService;
import java.util.concurrent.ScheduledExecutorService;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.leg.VectorLeg;
import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.EmbeddingModels;
import io.quarry.embeddings.cache.CachingEncoder;
import io.quarry.embeddings.rerank.CrossEncoderReranker;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.http.Json;
import io.quarry.server.http.JsonDocumentCodec;
import io.quarry.server.connectors.Connectors;
import io.quarry.server.jobs.IngestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that turns configuration into objects. Everything is
 * built with constructors, in dependency order; feature flags decide what is built at all.
 */
public final class Wiring {

  private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

  private Wiring() {}

  /** Builds, opens and warms an engine: the encoder, the index, the write path, the pipelines. */
  public static Engine engine(QuarryConfig config) {
    return engine(config, List.of());
  }

  /**
   * The same, with extra deep-search legs (the graph and freshness legs of later issues plug in
   * here; tests add deliberately slow or failing legs to prove the deadline).
   */
  static Engine engine(QuarryConfig config, List<RetrievalLeg> extraDeepLegs) {
    return engine(config, extraDeepLegs, Clock.systemUTC());
  }

  /** The same, with the clock that says what day "now" is (tests fix it). */
  static Engine engine(QuarryConfig config, List<RetrievalLeg> extraDeepLegs, Clock clock) {
    long start = System.nanoTime();
    // DJL (the tokenizer, later the reranker engine) must never try the network at start-up.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    TextEncoder encoder = config.index().vectors() ? encoder(config) : null;
    QuarryIndex index = null;
    GraphParts graph = null;
    try {
      index = QuarryIndex.open(config.indexDir(), config.index(),
          encoder == null ? null : encoder.modelId(), encoder == null ? 0 : encoder.dimension());
      List<RetrievalLeg> legs = List.of(new Bm25Leg(), new VectorLeg());
      graph = config.graph().built() ? graph(config) : null;
      Indexer indexer = new Indexer(index, encoder, graph == null ? DocumentListener.NONE : graph.indexer());
      List<RetrievalLeg> deepExtras = new ArrayList<>();
      if (graph != null) {
        repair(graph, index, indexer);
        deepExtras.add(new RetrieverLeg(graph.retriever()));
      } else {
        // not built, but every deep answer says why the graph did not run
        deepExtras.add(new DisabledLeg(GraphRetriever.NAME, "graph.enabled=off"));
      }
      deepExtras.addAll(extraDeepLegs);
      Set<String> names = new LinkedHashSet<>();
      legs.forEach(l -> names.add(l.name()));
      deepExtras.forEach(l -> names.add(l.name()));
      // Legs mostly wait on Lucene and the encoder's own bounded pool: virtual threads are enough.
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "quarry-deadlines");
        t.setDaemon(true);
        return t;
      });
      // Nothing configured off is loaded: the reranker only for a deep path that reranks.
      List<String> degraded = new ArrayList<>();
      CrossEncoderReranker reranker = null;
      double msPerPair = 0;
      String rerankUnavailable = null;
      if (config.deepEnabled() && config.deep().rerank() && config.reranker() != null) {
        try {
          reranker = CrossEncoderReranker.open(config.reranker());
          msPerPair = msPerPair(reranker);
        } catch (RuntimeException e) {
          // The server still answers (deep search keeps its fused order) and says it is degraded.
          if (reranker != null) {
            reranker.close();
            reranker = null;
          }
          rerankUnavailable = "the reranker at " + config.reranker().model() + " failed to load: " + e.getMessage();
          LOG.error("{}; deep search runs without it", rerankUnavailable, e);
          degraded.add(rerankUnavailable);
        }
      }
      SearchParts parts = new SearchParts(index, encoder, legs, deepExtras, executor, timers, reranker, msPerPair,
          rerankUnavailable, graph, clock);
      SearchService service = parts.build(config);
      WritePath writes = new WritePath(index, indexer);
      Metrics metrics = new Metrics();
      JsonDocumentCodec codec = new JsonDocumentCodec(Json.mapper());
      IngestService ingest = config.ingest().enabled()
          ? IngestService.open(config.jobsDir(), config.deadLettersDir(), writes, codec, config.ingest(), clock,
              metrics.registry())
          : null;
      if (ingest == null && !config.connectors().connectors().isEmpty()) {
        throw new IllegalArgumentException("illegal connectors." + config.connectors().connectors().getFirst().name()
            + ": connectors submit ingest jobs, and ingest.enabled=false");
      }
      Connectors connectors = ingest == null ? null : new Connectors(config.connectors(), config.connectorsDir(),
          ingest, codec, config.ingest().maxDocuments(), clock);
      Engine engine = new Engine(index, writes, ingest, connectors, service, parts,
          encoder, reranker, names, executor, timers, degraded, graph, metrics);
      sizeGauges(metrics, engine);
      warm(engine);
      if (ingest != null) {
        ingest.start(); // unfinished jobs resume now, on a warm engine
        connectors.start();
      }
      LOG.info("engine ready in {} ms: {} documents, model {}", (System.nanoTime() - start) / 1_000_000,
          index.stats().documents(), encoder == null ? "none (BM25 only)" : encoder.modelId());
      return engine;
    } catch (LockObtainFailedException e) {
      if (encoder != null) {
        encoder.close();
      }
      throw new IllegalStateException("the index at " + config.indexDir()
          + " is in use by another Quarry process (a running server?): stop it, or send the documents"
          + " to that server with POST /v1/documents", e);
    } catch (IOException e) {
      release(index, graph, encoder, e);
      throw new UncheckedIOException(index == null ? "cannot open the index at " + config.indexDir()
          : "cannot open the graph (graph.store=" + config.graph().store() + ")", e);
    } catch (RuntimeException e) {
      // e.g. a leg without a weight, a failing warm-up: release the index (and its write lock) first
      release(index, graph, encoder, e);
      throw e;
    }
  }

  /** Index and graph sizes, read at each scrape. */
  private static void sizeGauges(Metrics metrics, Engine engine) {
    metrics.gauge("quarry.index.documents", "documents in the index", () -> engine.stats().documents());
    metrics.gauge("quarry.index.passages", "passages in the index", () -> engine.stats().passages());
    GraphParts graph = engine.graph();
    if (graph != null) {
      metrics.gauge("quarry.graph.passages", "passages the knowledge graph holds", () -> {
        try {
          return graph.store().passageCount();
        } catch (IOException e) {
          return Double.NaN; // the store is down: /health says so
        }
      });
      metrics.gauge("quarry.graph.entities", "entities in the knowledge graph", () -> graph.stats().entities());
    }
  }

  /**
   * The knowledge graph: its store (embedded under the data directory, or FalkorDB), the
   * extractor that builds it at ingest (OpenNLP; an LLM first when {@code graph.llm.url} is set),
   * and the retriever behind the graph leg.
   */
  private static GraphParts graph(QuarryConfig config) throws IOException {
    GraphConfig g = config.graph();
    GraphStore store = switch (g.store()) {
      case "falkordb" -> FalkorGraphStore.open(g.falkorUrl(), g.falkorGraph(), g.falkorTimeout().toMillis());
      default -> EmbeddedGraphStore.open(config.graphDir());
    };
    try {
      Extractor opennlp = OpenNlpExtractor.english();
      Extractor extractor = g.llm() == null ? opennlp : FallbackExtractor.ollama(g.llm(), opennlp);
      GraphRetriever retriever = new GraphRetriever(store, new EntityLinker(OpenNlpModels.english().tokens()),
          g.search());
      return new GraphParts(store, new GraphIndexer(store, extractor), retriever, extractor);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Makes the graph match the index: a crash between their commits, or a graph switched on late. */
  private static void repair(GraphParts graph, QuarryIndex index, Indexer indexer) throws IOException {
    long t = System.nanoTime();
    GraphIndexer.Repair r = graph.indexer().repair(index.allContentHashes(), id -> {
      try {
        return index.get(id);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, indexer::passages);
    if (r.extracted() + r.deleted() > 0) {
      LOG.info("graph: {} documents extracted and {} deleted to match the index, in {} ms",
          r.extracted(), r.deleted(), (System.nanoTime() - t) / 1_000_000);
    }
  }

  /** Closes what a failed start opened (any may be null), keeping close failures on {@code into}. */
  private static void release(QuarryIndex index, GraphParts graph, TextEncoder encoder, Exception into) {
    if (index != null) {
      try {
        index.close();
      } catch (IOException closing) {
        into.addSuppressed(closing);
      }
    }
    if (graph != null) {
      try {
        graph.store().close();
      } catch (IOException closing) {
        into.addSuppressed(closing);
      }
    }
    if (encoder != null) {
      encoder.close();
    }
  }

  private static TextEncoder encoder(QuarryConfig config) {
    TextEncoder model = EmbeddingModels.create(config.embedding().model(), config.embedding().encoder());
    if (!config.embedding().diskCache()) {
      return model;
    }
    try {
      return CachingEncoder.open(model, config.embeddingCacheDir(), config.embedding().queryCacheSize());
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + ": another Quarry process (a running server?)"
          + " uses this data directory; stop it, or send the documents to it with POST /v1/documents", e);
    }
  }

  /**
   * What one pair costs on this machine, measured once at start-up on passages of about 150
   * words: it seeds the deep path's rerank-window cap before any query has been reranked.
   */
  private static double msPerPair(CrossEncoderReranker reranker) {
    String passage = "word ".repeat(150);
    List<String> pairs = java.util.Collections.nCopies(4, passage);
    double ms = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) { // the first calls on a new shape are several times slower
      long t = System.nanoTime();
      reranker.score("how much does reranking cost on this machine", pairs);
      ms = Math.min(ms, (System.nanoTime() - t) / 1e6 / pairs.size());
    }
    LOG.info("reranker {} on {}: {} ms a pair at start-up", reranker.modelId(), reranker.device(),
        String.format(java.util.Locale.ROOT, "%.1f", ms));
    return ms;
  }

  /**
   * A few searches through every stage of both paths, so the first real queries pay no class
   * loading and less JIT compiling (the deep path's DAG, variants and second hop included).
   */
  private static void warm(Engine engine) {
    for (int i = 0; i < 3; i++) {
      engine.searchUnrecorded(SearchRequest.of("warm up the search pipeline", 10, SearchMode.FAST));
      // a time-sensitive query: time expressions, the recent window and the freshness leg
      engine.searchUnrecorded(SearchRequest.of("what is the latest on the warm-up this week", 10, SearchMode.FAST));
      if (engine.deepEnabled()) {
        // only the built-in legs: an extra leg may be slow or have side effects
        engine.searchUnrecorded(SearchRequest.of("Are Warm Up and Start Up both stages of the Quarry server?", 10,
            SearchMode.DEEP).withLegs(Set.of(Bm25Leg.NAME, VectorLeg.NAME, GraphRetriever.NAME)));
      }
    }
  }
}
