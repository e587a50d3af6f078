package io.quarry.server.config;

import io.quarry.graph.extract.OllamaExtractorConfig;
import io.quarry.graph.retrieve.GraphSearchSettings;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code graph.*} keys: whether the knowledge graph is built and searched, where it lives,
 * who extracts it, and how its leg searches.
 *
 * @param enabled {@code auto} (the default: built at ingest; searched when it is big enough and
 *     the query names one of its entities), {@code on} (searched whenever it is not empty), or
 *     {@code off} (neither built nor searched)
 * @param store {@code embedded} (the default, under the data directory) or {@code falkordb}
 * @param falkorUrl {@code graph.falkordb.url} ({@code redis://host:port}), required for falkordb
 * @param falkorGraph {@code graph.falkordb.graph}: the graph's name on that server
 * @param falkorTimeout {@code graph.falkordb.timeout_ms}: the bound on each query
 * @param llm LLM extraction through Ollama ({@code graph.llm.url}, {@code .model}, {@code
 *     .timeout_ms}, {@code .breaker_failures}, {@code .breaker_cooldown_ms}), or null for the
 *     default OpenNLP extractor alone; a document the LLM fails or is late on falls back to OpenNLP
 * @param search how the leg searches
 */
public record GraphConfig(String enabled, String store, String falkorUrl, String falkorGraph,
    Duration falkorTimeout, OllamaExtractorConfig llm, GraphSearchSettings search) {

  public static final String AUTO = "auto";
  public static final String ON = "on";
  public static final String OFF = "off";

  /** Whether the graph is built at all. */
  public boolean built() {
    return !enabled.equals(OFF);
  }

  static GraphConfig from(Settings s) {
    String enabled = s.choice("graph.enabled", AUTO, AUTO, ON, OFF).toLowerCase(Locale.ROOT);
    String store = s.choice("graph.store", "embedded", "embedded", "falkordb").toLowerCase(Locale.ROOT);
    String url = s.string("graph.falkordb.url", null);
    if (store.equals("falkordb") && (url == null || url.isBlank())) {
      throw new IllegalArgumentException("illegal graph.falkordb.url: required when graph.store=falkordb"
          + " (e.g. redis://127.0.0.1:6379)");
    }
    GraphSearchSettings d = GraphSearchSettings.DEFAULT;
    GraphSearchSettings search = new GraphSearchSettings(enabled.equals(ON),
        s.integer("graph.min_passages", d.minPassages(), 0, Integer.MAX_VALUE),
        s.integer("graph.seed_documents", d.seedDocuments(), 0, 1000),
        s.number("graph.passage_seed_weight", d.passageSeedWeight(), 0, 1000),
        s.integer("graph.hops", d.hops(), 1, 6),
        s.integer("graph.max_nodes", d.maxNodes(), 1, 1_000_000),
        s.integer("graph.max_degree", d.maxDegree(), 1, 1_000_000),
        s.number("graph.damping", d.damping(), 0.01, 0.99),
        s.parsed("graph.gate", "title", GraphSearchSettings.GateOn::parse));
    String llmUrl = s.string("graph.llm.url", null);
    OllamaExtractorConfig llm = null;
    if (llmUrl != null && !llmUrl.isBlank()) {
      llm = new OllamaExtractorConfig(llmUrl,
          s.string("graph.llm.model", OllamaExtractorConfig.DEFAULT_MODEL),
          Duration.ofMillis(s.longValue("graph.llm.timeout_ms", OllamaExtractorConfig.DEFAULT_TIMEOUT.toMillis(), 1, 600_000)),
          s.integer("graph.llm.breaker_failures", OllamaExtractorConfig.DEFAULT_BREAKER_FAILURES, 1, 1000),
          Duration.ofMillis(s.longValue("graph.llm.breaker_cooldown_ms",
              OllamaExtractorConfig.DEFAULT_BREAKER_COOLDOWN.toMillis(), 1, 86_400_000)));
    }
    return new GraphConfig(enabled, store, url, s.string("graph.falkordb.graph", "quarry"),
        Duration.ofMillis(s.longValue("graph.falkordb.timeout_ms",
            io.quarry.graph.store.FalkorGraphStore.DEFAULT_TIMEOUT_MS, 1, 600_000)), llm, search);
  }
}
