package io.quarry.server;

import io.quarry.core.dag.DagExecutor;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.deep.DeepSearch;
import io.quarry.core.search.fast.FastSearch;
import io.quarry.core.search.freshness.FreshnessSettings;
import io.quarry.core.search.freshness.TemporalPlanner;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.search.service.SearchService;
import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.rerank.CrossEncoderReranker;
import io.quarry.graph.retrieve.GraphRetriever;
import io.quarry.server.config.QuarryConfig;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the search pipelines run over and a reload keeps: the index, the encoder, the legs, the
 * graph, the loaded reranker and the threads. {@link #build} makes the pipelines from a
 * configuration; they are light, so a reload builds new ones and swaps them in while requests
 * in flight finish on the old.
 *
 * @param rerankUnavailable why a configured reranker is not there, or null
 */
record SearchParts(QuarryIndex index, TextEncoder encoder, List<RetrievalLeg> legs, List<RetrievalLeg> deepExtras,
    ExecutorService executor, ScheduledExecutorService timers, CrossEncoderReranker reranker, double msPerPair,
    String rerankUnavailable, GraphParts graph, Clock clock) {

  SearchService build(QuarryConfig config) {
    FreshnessSettings freshness = config.freshness().settings();
    FastSearch pipeline = new FastSearch(index, encoder, legs, config.search(), freshness, executor);
    DeepSearch deep = config.deepEnabled()
        ? new DeepSearch(index, encoder, legs, deepExtras, config.search(), config.deep(),
            new DagExecutor(executor, timers), reranker, msPerPair, rerankUnavailable, freshness)
        : null;
    // the graph may send entity-rich questions deep, when its leg is on
    List<io.quarry.core.spi.RouteHint> hints = graph != null && config.search().legs().contains(GraphRetriever.NAME)
        ? List.of(graph.retriever()) : List.of();
    return new SearchService(pipeline, deep, config.deep(), new TemporalPlanner(freshness, clock),
        config.freshness().autoMode(), hints);
  }
}
