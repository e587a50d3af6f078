package io.quarry.graph.store;

import static io.quarry.graph.store.FalkorCypher.params;
import static io.quarry.graph.store.FalkorQueries.BEFORE_PUT;
import static io.quarry.graph.store.FalkorQueries.CANDIDATES;
import static io.quarry.graph.store.FalkorQueries.COLLECT_GARBAGE;
import static io.quarry.graph.store.FalkorQueries.DELETE_DOCUMENT;
import static io.quarry.graph.store.FalkorQueries.ENTITY;
import static io.quarry.graph.store.FalkorQueries.INDEXES;
import static io.quarry.graph.store.FalkorQueries.PUT_DOCUMENT;
import static io.quarry.graph.store.FalkorQueries.SCHEMA;
import static io.quarry.graph.store.FalkorQueries.SEARCH;
import static io.quarry.graph.store.FalkorQueries.STATS;
import static io.quarry.graph.store.FalkorQueries.WRITE;

import com.falkordb.Graph;
import com.falkordb.Record;
import com.falkordb.ResultSet;
import com.falkordb.impl.api.DriverImpl;
import io.quarry.graph.model.EntityDetail;
import io.quarry.graph.model.EntitySummary;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.GraphStats;
import io.quarry.graph.model.LinkedEntity;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.Subgraph;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The graph in FalkorDB ({@code graph.store=falkordb}), through JFalkorDB. The model:
 *
 * <pre>
 * (:Document {id, hash, title, date, extractor, passages})
 * (:Passage {id, doc, ordinal, date})-[:MENTIONS]-&gt;(:Entity {key, name, type, aliases, lower, tokens, passages})
 * (:Entity)-[:RELATED {type, passage, doc, ordinal, date}]-&gt;(:Entity)   one edge per evidence passage
 * (:Entity)-[:SYNONYM]-&gt;(:Entity)                                    once per pair, lower key first
 * (:Meta {id: 'graph', lastExtraction})
 * (:Garbage)   a passage or entity a write took away, deleted by the next write or commit
 * </pre>
 *
 * with range indexes on {@code Entity.key}, {@code Entity.tokens} (an array index: synonym
 * candidates share a token), {@code Passage.id}, {@code Passage.doc}, {@code Document.id} and
 * {@code RELATED.doc}. {@code Entity.passages} is the number of passages mentioning it (kept by
 * each write, so a hub is recognised without counting); {@code lower} holds the key and the
 * lower-cased name and aliases that {@link #searchEntities} matches.
 *
 * <p><b>Writes.</b> A put is two or three read-only queries (what the graph holds for the
 * document and its entities; the synonym candidates of its new entities) and one write query,
 * of {@code UNWIND}s over lists of maps, that removes the old version, writes the new one,
 * recounts and prunes: atomic in FalkorDB, so a failed or timed-out put leaves the graph as it
 * was (the write never deletes a node that has edges, which FalkorDB 4.16.3 cannot roll back:
 * see {@code FalkorQueries.WRITE}). A delete is one read and the same write. Writes are serialized by this
 * object, which assumes it is its graph's only writer.
 *
 * <p><b>Reads</b> go through {@code GRAPH.RO_QUERY}, which FalkorDB refuses to run a write
 * through, and see a consistent snapshot; a neighbourhood is one query per hop and one for its
 * edges ({@link FalkorNeighbourhood}).
 *
 * <p><b>Time.</b> Every query carries the store's timeout ({@code TIMEOUT} ms), and a query that
 * runs out throws a {@link QueryTimeoutException}. FalkorDB applies {@code TIMEOUT} to writes
 * only when the module is loaded with {@code TIMEOUT_MAX} set (otherwise it ignores it for
 * writes): {@link #open} logs a warning when it is not. JFalkorDB sends a query with a timeout
 * as a blocking command (no socket timeout), so a server that stops answering altogether holds
 * the caller until TCP gives up.
 *
 * <p><b>Durability</b> is the server's: a write is applied when its query returns, and persists
 * as the server's RDB/AOF configuration says ({@code appendonly yes} to lose nothing); a server
 * started with {@code --save ''} and no AOF keeps nothing across its restart. {@link #commit()}
 * therefore only deletes the garbage nodes. Another client on the same server and graph (a
 * reopened store) sees the same graph.
 *
 * <p>Thread-safe. Failures are {@link IOException}s whose message names the server (without
 * credentials) and the graph.
 */
public final class FalkorGraphStore implements GraphStore {

  /** The default per-query timeout ({@code graph.falkordb.timeout_ms}). */
  public static final long DEFAULT_TIMEOUT_MS = 1_000;

  /** The least time {@link #open} gives each of its queries. */
  private static final long OPEN_TIMEOUT_MS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(FalkorGraphStore.class);

  private final String where;
  private final DriverImpl driver;
  private final Graph graph;
  private final long timeoutMs;
  private final Clock clock;
  private final ReentrantLock writes = new ReentrantLock();
  private final FalkorNeighbourhood neighbourhoods;
  private volatile boolean closed;

  private FalkorGraphStore(String where, DriverImpl driver, String graphName, long timeoutMs, Clock clock) {
    this.where = where;
    this.driver = driver;
    this.graph = driver.graph(graphName);
    this.timeoutMs = timeoutMs;
    this.clock = clock;
    this.neighbourhoods = new FalkorNeighbourhood(this::read);
  }

  /**
   * Connects to the server at {@code url} ({@code redis://host:port}, optionally with
   * {@code user:password@}) and opens (or creates) {@code graphName}, with its indexes.
   *
   * @param timeoutMs the limit of each query, and of waiting for a connection
   */
  public static FalkorGraphStore open(String url, String graphName, long timeoutMs) throws IOException {
    return open(url, graphName, timeoutMs, Clock.systemUTC());
  }

  /** The same, with the clock that stamps {@link GraphStats#lastExtraction()}. */
  public static FalkorGraphStore open(String url, String graphName, long timeoutMs, Clock clock)
      throws IOException {
    if (timeoutMs < 1) {
      throw new IllegalArgumentException("illegal timeoutMs: " + timeoutMs + ", must be >= 1");
    }
    if (graphName == null || graphName.isBlank()) {
      throw new IllegalArgumentException("illegal graph name: '" + graphName + "'");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("illegal FalkorDB url: '" + url + "', must be redis://host:port", e);
    }
    if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("illegal FalkorDB url: '" + url + "', must be redis://host:port");
    }
    String where = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + " (graph " + graphName + ")";
    JedisPoolConfig pool = new JedisPoolConfig();
    pool.setMaxTotal(Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));
    pool.setMaxWait(Duration.ofMillis(timeoutMs));
    // connecting, and the few commands sent without a TIMEOUT (a query with one is sent as a
    // blocking command, which JFalkorDB waits for without a socket timeout)
    int socketMs = (int) Math.min(Integer.MAX_VALUE, Math.max(2_000, timeoutMs));
    FalkorGraphStore store;
    try {
      store = new FalkorGraphStore(where, new DriverImpl(new JedisPool(pool, uri, socketMs, socketMs)),
          graphName, timeoutMs, clock);
    } catch (RuntimeException e) {
      throw new IOException("FalkorDB at " + where + ": cannot connect: " + e.getMessage(), e);
    }
    try {
      store.createSchema();
      store.warnIfWritesAreUnlimited();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  @Override
  public String kind() {
    return "falkordb";
  }

  @Override
  public void put(Extraction extraction) throws IOException {
    writes.lock();
    try {
      write(extraction.documentId(), extraction);
    } finally {
      writes.unlock();
    }
  }

  @Override
  public boolean delete(String documentId) throws IOException {
    writes.lock();
    try {
      return write(documentId, null);
    } finally {
      writes.unlock();
    }
  }

  /** Replaces (or, for a null extraction, removes) a document; false when there was none to remove. */
  private boolean write(String doc, Extraction extraction) throws IOException {
    List<String> keys = extraction == null ? List.of() : extraction.passages().stream()
        .flatMap(p -> p.mentions().stream()).map(Mention::key).distinct().toList();
    Map<String, FalkorPut.Existing> existing = new HashMap<>();
    Map<String, Long> old = new HashMap<>();
    boolean held = false;
    String what = (extraction == null ? "delete " : "put ") + doc;
    for (Record r : read(what + ": read what the graph holds", BEFORE_PUT, params("keys", keys, "doc", doc))) {
      String key = r.getString(1);
      long n = r.getValue(5);
      switch (r.getString(0)) {
        case "e" -> existing.put(key, new FalkorPut.Existing(r.getString(2), r.getString(3),
            strings(r.getValue(4)), n));
        case "o" -> old.put(key, n);
        default -> held = true;
      }
    }
    if (extraction == null && !held && old.isEmpty()) {
      return false;
    }
    FalkorPut put = new FalkorPut(extraction, existing, old);
    List<String> candidates = new ArrayList<>();
    List<String> tokens = put.newTokens();
    if (!tokens.isEmpty()) {
      for (Record r : read(what + ": find synonym candidates", CANDIDATES, params("tokens", tokens))) {
        candidates.add(r.getString(0));
      }
    }
    Map<String, Object> p = params(
        "doc", doc,
        "hash", extraction == null ? "" : extraction.contentHash(),
        "title", extraction == null ? "" : extraction.title(),
        "date", extraction == null || extraction.date() == null ? null : extraction.date().toString(),
        "extractor", extraction == null ? "" : extraction.extractor(),
        "entities", put.entities(),
        "passages", put.passages(),
        "ids", put.passages().stream().map(x -> x.get("id")).toList(),
        "mentions", put.mentions(),
        "relations", put.relations(),
        "synonyms", put.synonyms(candidates),
        "touched", put.touched(),
        "now", clock.instant().toString());
    String cypher = WRITE.formatted(extraction == null ? DELETE_DOCUMENT : PUT_DOCUMENT);
    run(what, () -> graph.query(cypher, p, timeoutMs));
    return true;
  }

  /**
   * FalkorDB's writes are applied when their query returns, and durability is the server's (see
   * above): this only deletes the nodes writes left as garbage.
   */
  @Override
  public void commit() throws IOException {
    writes.lock();
    try {
      run("commit", () -> graph.query(COLLECT_GARBAGE, timeoutMs));
    } finally {
      writes.unlock();
    }
  }

  @Override
  public GraphStats stats() throws IOException {
    Map<String, Object> v = new HashMap<>();
    for (Record r : read("stats", STATS, params("cooccurs", Fact.CO_OCCURS))) {
      v.put(r.getString(0), r.getValue(1));
    }
    Object last = v.get("last");
    return new GraphStats(count(v, "documents"), count(v, "passages"), count(v, "entities"),
        count(v, "mentions"), count(v, "relations"), count(v, "synonyms"),
        last == null ? null : Instant.parse(last.toString()));
  }

  @Override
  public long passageCount() throws IOException {
    for (Record r : read("passage count", "MATCH (p:Passage) RETURN count(p)", Map.of())) {
      return ((Number) r.getValue(0)).longValue();
    }
    return 0;
  }

  private static long count(Map<String, Object> v, String k) {
    Object n = v.get(k);
    return n == null ? 0 : ((Number) n).longValue();
  }

  @Override
  public Map<String, String> documents() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Record r : read("documents", "MATCH (d:Document) RETURN d.id, d.hash ORDER BY d.id", Map.of())) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  @Override
  public Map<String, LinkedEntity> link(Collection<String> keys) throws IOException {
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<String, LinkedEntity> found = new HashMap<>();
    for (Record r : read("link", "UNWIND $keys AS k MATCH (e:Entity {key: k}) RETURN e.key, e.name, e.passages, e.type",
        params("keys", List.copyOf(new LinkedHashSet<>(keys))))) {
      found.put(r.getString(0), new LinkedEntity(r.getString(0), r.getString(1), r.getString(3), intOf(r.getValue(2))));
    }
    Map<String, LinkedEntity> out = new LinkedHashMap<>();
    for (String k : keys) {
      LinkedEntity e = found.get(k);
      if (e != null) {
        out.put(k, e);
      }
    }
    return out;
  }

  @Override
  public Subgraph neighbourhood(Collection<String> entityKeys, Collection<String> documentIds, int hops,
      int maxNodes, int maxDegree) throws IOException {
    return neighbourhoods.pull(entityKeys, documentIds, hops, maxNodes, maxDegree);
  }

  @Override
  public List<EntitySummary> searchEntities(String query, int limit) throws IOException {
    if (limit <= 0) {
      return List.of();
    }
    List<EntitySummary> out = new ArrayList<>();
    for (Record r : read("search entities", SEARCH,
        params("q", query.toLowerCase(Locale.ROOT).strip(), "limit", limit))) {
      out.add(summary(r.getString(0), r.getString(1), r.getString(2), r.getValue(3), r.getValue(5),
          r.getValue(4)));
    }
    // the order is lost in the synonyms' aggregation: most mentioned first, then by key
    out.sort(Comparator.comparingInt((EntitySummary e) -> -e.passages()).thenComparing(EntitySummary::key));
    return out;
  }

  @Override
  public Optional<EntityDetail> entity(String key, int limit) throws IOException {
    EntitySummary summary = null;
    List<EntityDetail.Neighbour> neighbours = new ArrayList<>();
    List<EntityDetail.Relation> relations = new ArrayList<>();
    List<String> documents = new ArrayList<>();
    for (Record r : read("entity " + key, ENTITY, params("key", key, "limit", Math.max(0, limit)))) {
      switch (r.getString(0)) {
        case "e" -> summary = summary(key, r.getString(1), r.getString(2), r.getValue(3), r.getValue(4),
            r.getValue(5));
        case "n", "s" -> neighbours.add(new EntityDetail.Neighbour(r.getString(1), r.getString(2),
            r.getString(3), ((Number) r.getValue(5)).doubleValue()));
        case "r" -> {
          List<Object> d = r.getValue(4);
          relations.add(new EntityDetail.Relation(r.getString(1), r.getString(2), r.getString(3),
              (String) d.get(0), d.get(1) == null ? null : LocalDate.parse(d.get(1).toString())));
        }
        default -> documents.add(r.getString(1));
      }
    }
    if (summary == null) {
      return Optional.empty();
    }
    neighbours.sort(Comparator.comparingDouble((EntityDetail.Neighbour n) -> -n.weight())
        .thenComparing(EntityDetail.Neighbour::key).thenComparing(EntityDetail.Neighbour::kind));
    documents.sort(Comparator.naturalOrder());
    return Optional.of(new EntityDetail(summary, neighbours.subList(0, Math.min(limit, neighbours.size())),
        relations, documents));
  }

  private static EntitySummary summary(String key, String name, String type, Object aliases, Object synonyms,
      Object passages) {
    List<String> all = new ArrayList<>(strings(aliases));
    for (String s : new TreeSet<>(strings(synonyms))) {
      if (!all.contains(s)) {
        all.add(s);
      }
    }
    return new EntitySummary(key, name, type, all, intOf(passages));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    graph.close();
    driver.close();
  }

  // ---- plumbing ----

  /** A query that ran out of its time (the server's TIMEOUT, or the wait for a connection). */
  public static final class QueryTimeoutException extends IOException {
    QueryTimeoutException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private interface Query {
    ResultSet run();
  }

  private Iterable<Record> read(String what, String cypher, Map<String, Object> params) throws IOException {
    return run(what, () -> graph.readOnlyQuery(cypher, params, timeoutMs));
  }

  private ResultSet run(String what, Query q) throws IOException {
    ensureOpen();
    try {
      return q.run();
    } catch (RuntimeException e) {
      String message = "FalkorDB at " + where + ": " + what + " failed: " + e.getMessage();
      throw isTimeout(e) ? new QueryTimeoutException(message, e) : new IOException(message, e);
    }
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
      if (c instanceof SocketTimeoutException || m.contains("timed out")
          || m.contains("timeout waiting for idle object")) {
        return true;
      }
    }
    return false;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("FalkorDB at " + where + ": the store is closed");
    }
  }

  /**
   * The indexes (which create the graph when it is new), then the relationship types; given at
   * least a second whatever the query timeout, as they run once.
   */
  private void createSchema() throws IOException {
    long ms = Math.max(OPEN_TIMEOUT_MS, timeoutMs);
    for (String index : INDEXES) {
      try {
        graph.query(index, ms);
      } catch (RuntimeException e) {
        if (e.getMessage() == null || !e.getMessage().contains("already indexed")) {
          throw new IOException("FalkorDB at " + where + ": cannot create index (" + index + "): "
              + e.getMessage(), e);
        }
      }
    }
    Set<String> types = new HashSet<>();
    for (Record r : run("open: read the relationship types",
        () -> graph.readOnlyQuery("CALL db.relationshipTypes()", ms))) {
      types.add(r.getString(0));
    }
    if (!types.containsAll(List.of("MENTIONS", "RELATED", "SYNONYM"))) {
      run("open: create the relationship types", () -> graph.query(SCHEMA, ms));
    }
  }

  /** FalkorDB ignores TIMEOUT on writes unless TIMEOUT_MAX is set; say so once. */
  private void warnIfWritesAreUnlimited() {
    try (Jedis jedis = driver.getConnection()) {
      Object reply = jedis.sendCommand(() -> SafeEncoder.encode("GRAPH.CONFIG"), "GET", "TIMEOUT_MAX");
      Object value = reply instanceof List<?> l && l.size() == 2 ? l.get(1) : null;
      value = value instanceof byte[] b ? SafeEncoder.encode(b) : value;
      if (value != null && "0".equals(value.toString())) {
        LOG.warn("FalkorDB at {}: TIMEOUT_MAX is 0, so a write query is not stopped at its {} ms timeout "
            + "(load the module with TIMEOUT_MAX <ms> to bound writes)", where, timeoutMs);
      }
    } catch (RuntimeException e) {
      LOG.debug("FalkorDB at {}: cannot read TIMEOUT_MAX: {}", where, e.toString());
    }
  }

  private static List<String> strings(Object list) {
    if (!(list instanceof List<?> l)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(l.size());
    for (Object o : l) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  private static int intOf(Object n) {
    return n == null ? 0 : (int) Math.min(Integer.MAX_VALUE, ((Number) n).longValue());
  }
}
