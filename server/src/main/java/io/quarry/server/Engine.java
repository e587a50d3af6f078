package io.quarry.server;

import io.quarry.core.document.Document;
import io.quarry.core.index.IndexResult;
import io.quarry.core.index.IndexStats;
import io.quarry.server.connectors.Connectors;
import io.quarry.server.jobs.IngestService;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.service.SearchService;
import io.quarry.core.search.SearchRequest;
import io.quarry.core.search.SearchResponse;
import io.quarry.core.spi.Reranker;
import io.quarry.core.spi.TextEncoder;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running Quarry: the index, the write path and the search pipeline, built by {@link Wiring}.
 * The HTTP handlers, the CLI and the benchmark's in-process mode all go through this one object,
 * so they exercise the same code.
 *
 * <p>Thread-safe.
 */
public final class Engine implements Closeable {

  private final QuarryIndex index;
  private final WritePath writes;
  private final IngestService ingest;
  private final Connectors connectors;
  private final Metrics metrics;
  private volatile SearchService search;
  private final SearchParts parts;
  private final TextEncoder encoder;
  private final Reranker reranker;
  private final Set<String> legs;
  private final ExecutorService executor;
  private final ScheduledExecutorService timers;
  private final List<String> degraded;
  private final GraphParts graph;

  /**
   * @param degraded what is configured to work and does not (a reranker that failed to load),
   *     each in a sentence; empty when all is well
   */
  Engine(QuarryIndex index, WritePath writes, IngestService ingest, Connectors connectors, SearchService search,
      SearchParts parts, TextEncoder encoder,
      Reranker reranker, Set<String> legs, ExecutorService executor, ScheduledExecutorService timers,
      List<String> degraded, GraphParts graph, Metrics metrics) {
    this.metrics = metrics;
    this.graph = graph;
    this.degraded = List.copyOf(degraded);
    this.reranker = reranker;
    this.index = index;
    this.writes = writes;
    this.ingest = ingest;
    this.connectors = connectors;
    this.search = search;
    this.parts = parts;
    this.timers = timers;
    this.encoder = encoder;
    this.legs = Set.copyOf(legs);
    this.executor = executor;
  }

  /**
   * Rebuilds the search pipelines from {@code config} (its search, deep and freshness keys) over
   * the same index, encoder, graph and reranker, and swaps them in: a search in flight finishes
   * on the pipelines it started with.
   */
  public void reconfigure(io.quarry.server.config.QuarryConfig config) {
    this.search = parts.build(config);
  }

  /** Every leg name a request may ask for. */
  public Set<String> legs() {
    return legs;
  }

  public SearchResponse search(SearchRequest request) {
    long t = System.nanoTime();
    SearchResponse r = search.search(request);
    metrics.searched(r, System.nanoTime() - t);
    return r;
  }

  /** A search that the metrics do not see: start-up's warm-up, which is not traffic. */
  SearchResponse searchUnrecorded(SearchRequest request) {
    return search.search(request);
  }

  /** What {@code /metrics} serves. */
  public Metrics metrics() {
    return metrics;
  }

  /**
   * Writes a small batch durably and makes it visible to searches before returning.
   *
   * @return what was indexed and what was unchanged
   */
  public IndexResult upsert(List<Document> documents) {
    try {
      return writes.upsert(documents);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Bulk load: indexes documents in batches (so the encoder can batch them by length), reports
   * progress after each batch, and commits once at the end.
   */
  public IndexResult ingest(Iterator<Document> documents, int batchSize, IngestProgress progress) {
    try {
      return writes.ingest(documents, batchSize, progress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Called after each ingested batch with the running totals. */
  @FunctionalInterface
  public interface IngestProgress {
    IngestProgress NONE = r -> {};

    void update(IndexResult soFar);
  }

  public Optional<Document> get(String id) {
    try {
      return index.get(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes durably.
   *
   * @return false when no document had this id
   */
  public boolean delete(String id) {
    try {
      return writes.delete(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public IndexStats stats() {
    try {
      return index.stats();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends every stored passage vector, with its document id and text, to {@code sink}: the exact
   * vectors the vector leg searches (the benchmark hands them to peer engines).
   *
   * @return how many were sent
   */
  public long exportPassageVectors(io.quarry.core.index.PassageVectors.Sink sink) throws IOException {
    try (QuarryIndex.Snapshot s = index.acquire()) {
      return io.quarry.core.index.PassageVectors.export(s, sink);
    }
  }

  /** The cross-encoder, or null when none is configured. */
  public Reranker reranker() {
    return reranker;
  }

  /**
   * The engine's health: {@code ok}, or {@code degraded} with what is configured to work and
   * does not.
   */
  public Health health() {
    List<String> reasons = new ArrayList<>(degraded);
    if (graph != null) {
      reasons.addAll(graph.problems(stats().documents()));
    }
    if (ingest != null) {
      reasons.addAll(ingest.problems());
    }
    if (connectors != null) {
      reasons.addAll(connectors.problems());
    }
    return new Health(reasons.isEmpty() ? "ok" : "degraded", reasons);
  }

  /** The knowledge graph, or null when {@code graph.enabled=off}. */
  public GraphParts graph() {
    return graph;
  }

  /**
   * @param status {@code ok} or {@code degraded}
   * @param reasons why it is degraded, each in a sentence; empty when ok
   */
  public record Health(String status, List<String> reasons) {}

  /** Whether deep search is on. */
  public boolean deepEnabled() {
    return search.deepEnabled();
  }

  /** The query/passage encoder, or null for a BM25-only engine. */
  public TextEncoder encoder() {
    return encoder;
  }

  /** The asynchronous ingestion (jobs, dead letters), or null when {@code ingest.enabled=false}. */
  public IngestService ingest() {
    return ingest;
  }

  /** The connectors (configured and given over HTTP), or null when {@code ingest.enabled=false}. */
  public Connectors connectors() {
    return connectors;
  }

  @Override
  public void close() throws IOException {
    if (connectors != null) {
      connectors.close();
    }
    if (ingest != null) {
      ingest.close(); // lets its batch in flight commit first
    }
    timers.shutdownNow();
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      index.close();
    } finally {
      if (encoder != null) {
        encoder.close();
      }
      if (reranker != null) {
        reranker.close();
      }
      if (graph != null) {
        graph.store().close();
      }
    }
  }
}
