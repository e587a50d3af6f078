package io.quarry.server.config;

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
 * @param llmUrl {@code graph.llm.url}: an Ollama server for LLM extraction, or null for the
 *     default OpenNLP extractor
 * @param llmModel {@code graph.llm.model}
 * @param llmTimeout {@code graph.llm.timeout_ms}: past it a document falls back to OpenNLP
 * @param search how the leg searches
 */
public record GraphConfig(String enabled, String store, String falkorUrl, String falkorGraph,
    Duration falkorTimeout, String llmUrl, String llmModel, Duration llmTimeout, GraphSearchSettings search) {

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
        s.number("graph.damping", d.damping(), 0.01, 0.99));
    String llm = s.string("graph.llm.url", null);
    return new GraphConfig(enabled, store, url, s.string("graph.falkordb.graph", "quarry"),
        Duration.ofMillis(s.longValue("graph.falkordb.timeout_ms", 1000, 1, 600_000)),
        llm == null || llm.isBlank() ? null : llm, s.string("graph.llm.model", "llama3.1"),
        Duration.ofMillis(s.longValue("graph.llm.timeout_ms", 20_000, 1, 600_000)), search);
  }
}
