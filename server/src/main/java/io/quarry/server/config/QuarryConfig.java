package io.quarry.server.config;

import io.quarry.core.index.IndexSettings;
import io.quarry.core.search.deep.DeepSettings;
import io.quarry.core.search.SearchSettings;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole configuration, one immutable record per section, read once from {@link Settings}.
 *
 * @param server the HTTP side
 * @param dataDir where the index and the embedding cache live
 * @param index what shapes the index
 * @param embedding the embedding model and caches
 * @param search how searches run
 * @param deepEnabled whether deep search (and auto routing to it) is on
 * @param deep how deep search runs
 * @param reranker the cross-encoder's configuration, or null when no model is configured
 * @param freshness freshness and temporal search
 * @param graph the knowledge graph
 * @param ingest asynchronous ingestion
 * @param connectors sources Quarry syncs by itself
 * @param tools the LLM tools and the MCP server
 * @param auth API keys, rate limits, CORS
 * @param web the search page
 * @param settings the raw keys, for logging and run records
 */
public record QuarryConfig(
    ServerConfig server,
    Path dataDir,
    IndexSettings index,
    EmbeddingConfig embedding,
    SearchSettings search,
    boolean deepEnabled,
    DeepSettings deep,
    io.quarry.embeddings.rerank.RerankerConfig reranker,
    FreshnessConfig freshness,
    GraphConfig graph,
    IngestConfig ingest,
    ConnectorsConfig connectors,
    ToolsConfig tools,
    AuthConfig auth,
    WebConfig web,
    Settings settings) {

  private static final Logger LOG = LoggerFactory.getLogger(QuarryConfig.class);

  public static final String DEFAULT_DATA_DIR = "./data";

  /** The API key the command-line clients send, when the server needs one. */
  public static final String API_KEY_ENV = "QUARRY_API_KEY";

  /**
   * Reads every section, then rejects unknown keys.
   *
   * @throws IllegalArgumentException naming the bad key and what it accepts
   */
  public static QuarryConfig from(Settings s) {
    return from(s, List.of());
  }

  /**
   * The same, for an engine that also builds the legs named {@code extraLegs}: their {@code
   * search.legs.*} and {@code search.weights.*} keys are read like the built-in legs'.
   */
  public static QuarryConfig from(Settings s, Collection<String> extraLegs) {
    GraphConfig graph = GraphConfig.from(s);
    List<String> legs = new java.util.ArrayList<>(extraLegs);
    legs.add(io.quarry.graph.retrieve.GraphRetriever.NAME); // off, it is still named in dropped
    ServerConfig server = ServerConfig.from(s);
    Path dataDir = Path.of(s.string("data.dir", DEFAULT_DATA_DIR));
    QuarryConfig c = new QuarryConfig(
        server,
        dataDir,
        IndexConfig.from(s),
        EmbeddingConfig.from(s),
        SearchConfig.from(s, legs),
        s.bool("deep.enabled", true),
        DeepConfig.from(s),
        RerankConfig.from(s),
        FreshnessConfig.from(s),
        graph,
        IngestConfig.from(s),
        ConnectorsConfig.from(s),
        ToolsConfig.from(s, server),
        AuthConfig.from(s, dataDir),
        WebConfig.from(s),
        s);
    for (String unknown : s.checkAllUsed()) {
      if (unknown.equals(API_KEY_ENV)) {
        continue; // a client's key for `quarry ingest --server`, not configuration
      }
      LOG.warn("environment variable {} looks like Quarry configuration but matches no key", unknown);
    }
    return c;
  }

  /** Logs every resolved key, marking defaults, as the first thing a server prints. */
  public void log() {
    settings.resolved().forEach((k, v) -> LOG.info("config {} = {}", k, v));
  }

  public Path indexDir() {
    return dataDir.resolve("index");
  }

  /** Where the embedded graph store keeps its log. */
  public Path graphDir() {
    return dataDir.resolve("graph");
  }

  /** Where ingest jobs (accepted payloads and states) are kept. */
  public Path jobsDir() {
    return dataDir.resolve("jobs");
  }

  /** Where connectors keep their watermarks. */
  public Path connectorsDir() {
    return dataDir.resolve("connectors");
  }

  /** Where {@code quarry models pull} puts checkpoints, one directory per repository. */
  public Path modelsDir() {
    return dataDir.resolve("models");
  }

  /** Where documents that failed every attempt are kept. */
  public Path deadLettersDir() {
    return dataDir.resolve("dead-letters");
  }

  public Path embeddingCacheDir() {
    return embedding.cacheDir() != null ? embedding.cacheDir() : dataDir.resolve("embedding-cache");
  }
}
