package io.quarry.graph.store;

import io.quarry.graph.model.EdgeWeights;
import io.quarry.graph.model.EntityDetail;
import io.quarry.graph.model.EntitySummary;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.GraphStats;
import io.quarry.graph.model.LinkedEntity;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import io.quarry.graph.model.Subgraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The default store: the graph in memory as primitive adjacency rows ({@link Adjacency}) over one
 * int node space (entities and passages), made durable by an append-only {@link GraphLog} beside
 * the index. Opening replays the log; a document's own record is read back from the log when it
 * is replaced or deleted, so the heap holds the adjacency, the names and one offset per document,
 * not the extractions.
 *
 * <p>Thread-safe: writes hold a write lock, reads (linking, neighbourhoods, stats) a read lock.
 */
public final class EmbeddedGraphStore implements GraphStore {

  /** The log's file name in the graph directory. */
  public static final String FILE = "graph.log";

  private static final byte FREE = 0;
  private static final byte ENTITY = 1;
  private static final byte PASSAGE = 2;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final GraphLog log;
  private final Clock clock;

  // node space
  private byte[] kind = new byte[16];
  private String[] label = new String[16]; // entity key or passage id
  private String[] name = new String[16]; // entity display name
  private String[] type = new String[16]; // entity type
  private String[][] aliases = new String[16][];
  private int nodes;
  private int[] free = new int[16];
  private int freeCount;
  private final Map<String, Integer> entities = new HashMap<>();
  private final Map<String, Integer> passages = new HashMap<>();
  private final Map<String, int[]> byToken = new HashMap<>();

  private final Adjacency mentions = new Adjacency();
  /** Co-occurrence: weight = the passages that name both. */
  private final Adjacency relations = new Adjacency();
  /** Typed relations (an LLM's): weight = their evidence passages, whatever the predicate. */
  private final Adjacency typed = new Adjacency();
  /** Evidence count per typed relation "source\0target\0type" (the stats count them apart). */
  private final Map<String, Integer> typedTriples = new HashMap<>();
  private final Adjacency synonyms = new Adjacency();

  /** Per document: where its PUT record is, its content hash, its passages' ordinals. */
  private record Doc(long offset, String hash, int[] ordinals) {}

  private final Map<String, Doc> documents = new HashMap<>();
  private long liveBytes;
  private Instant lastExtraction;

  private EmbeddedGraphStore(Path dir, Clock clock) throws IOException {
    this.clock = clock;
    this.log = new GraphLog(dir.resolve(FILE));
  }

  /** Opens (or creates) the store in {@code dir}, replaying its log. */
  public static EmbeddedGraphStore open(Path dir) throws IOException {
    return open(dir, Clock.systemUTC());
  }

  /** The same, with the clock that stamps {@link GraphStats#lastExtraction()}. */
  public static EmbeddedGraphStore open(Path dir, Clock clock) throws IOException {
    EmbeddedGraphStore s = new EmbeddedGraphStore(dir, clock);
    s.log.replay((recordType, offset, record) -> {
      s.lastExtraction = Instant.ofEpochMilli(java.nio.ByteBuffer.wrap(record).getLong());
      byte[] payload = Arrays.copyOfRange(record, Long.BYTES, record.length);
      if (recordType == GraphLog.PUT) {
        Extraction e = ExtractionCodec.decode(payload);
        s.unapply(e.documentId());
        s.apply(e, offset, record.length);
      } else {
        s.unapply(new String(payload, StandardCharsets.UTF_8));
      }
    });
    s.compactIfWasteful();
    return s;
  }

  /** A record: when (epoch millis, so the last extraction's time survives a restart), then what. */
  private static byte[] stamped(Instant when, byte[] payload) {
    return java.nio.ByteBuffer.allocate(Long.BYTES + payload.length).putLong(when.toEpochMilli()).put(payload).array();
  }

  /** A record's extraction. */
  private Extraction readExtraction(long offset) throws IOException {
    byte[] record = log.read(offset);
    return ExtractionCodec.decode(Arrays.copyOfRange(record, Long.BYTES, record.length));
  }

  @Override
  public String kind() {
    return "embedded";
  }

  @Override
  public void put(Extraction extraction) throws IOException {
    byte[] payload = ExtractionCodec.encode(extraction);
    lock.writeLock().lock();
    try {
      Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      byte[] record = stamped(now, payload);
      long offset = log.append(GraphLog.PUT, record);
      unapply(extraction.documentId());
      apply(extraction, offset, record.length);
      lastExtraction = now;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean delete(String documentId) throws IOException {
    lock.writeLock().lock();
    try {
      if (!documents.containsKey(documentId)) {
        return false;
      }
      Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      log.append(GraphLog.DEL, stamped(now, GraphLog.utf8(documentId)));
      unapply(documentId);
      lastExtraction = now;
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void commit() throws IOException {
    lock.writeLock().lock();
    try {
      log.sync();
      compactIfWasteful();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public GraphStats stats() {
    lock.readLock().lock();
    try {
      return new GraphStats(documents.size(), passages.size(), entities.size(), mentions.edges(),
          relations.edges() + typedTriples.size(), synonyms.edges(), lastExtraction);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long passageCount() {
    lock.readLock().lock();
    try {
      return passages.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Heap held by the adjacency rows, in bytes (for the bytes-per-edge report). */
  public long adjacencyBytes() {
    lock.readLock().lock();
    try {
      return mentions.bytes() + relations.bytes() + typed.bytes() + synonyms.bytes();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Map<String, String> documents() {
    lock.readLock().lock();
    try {
      Map<String, String> out = new HashMap<>(documents.size() * 2);
      documents.forEach((id, d) -> out.put(id, d.hash()));
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Map<String, LinkedEntity> link(Collection<String> keys) {
    lock.readLock().lock();
    try {
      Map<String, LinkedEntity> out = new LinkedHashMap<>();
      for (String k : keys) {
        Integer e = entities.get(k);
        if (e != null) {
          out.put(k, new LinkedEntity(k, name[e], type[e], mentions.degreeOf(e)));
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Subgraph neighbourhood(Collection<String> entityKeys, Collection<String> documentIds, int hops,
      int maxNodes, int maxDegree) {
    lock.readLock().lock();
    try {
      // breadth first from every seed; a hub entity is reached but not expanded
      Scratch sc = scratch(nodes);
      try {
      int[] order = sc.order;
      int size = 0;
      for (String k : entityKeys) {
        Integer e = entities.get(k);
        if (e != null && size < maxNodes && sc.visit(e, 0)) {
          order[size++] = e;
        }
      }
      for (String id : documentIds) {
        Doc doc = documents.get(id);
        for (int ordinal : doc == null ? new int[0] : doc.ordinals()) {
          Integer n = passages.get(PassageFacts.passageId(id, ordinal));
          if (n != null && size < maxNodes && sc.visit(n, 0)) {
            order[size++] = n;
          }
        }
      }
      Adjacency[] fromEntity = {mentions, relations, typed, synonyms};
      Adjacency[] fromPassage = {mentions};
      for (int head = 0; head < size && size < maxNodes; head++) {
        int n = order[head];
        int d = sc.depth[n];
        if (d == hops || (kind[n] == ENTITY && mentions.degreeOf(n) > maxDegree)) {
          continue;
        }
        for (Adjacency adj : kind[n] == ENTITY ? fromEntity : fromPassage) {
          for (int i = 0, deg = adj.degreeOf(n); i < deg && size < maxNodes; i++) {
            int t = adj.target(n, i);
            if (sc.visit(t, d + 1)) {
              order[size++] = t;
            }
          }
        }
      }
      Subgraph.Builder b = Subgraph.builder();
      for (int i = 0; i < size; i++) {
        sc.local[order[i]] = b.node(label[order[i]], kind[order[i]] == PASSAGE);
      }
      for (int i = 0; i < size; i++) {
        int n = order[i];
        addEdges(b, sc, n, mentions, 1.0);
        if (kind[n] == ENTITY) {
          addEdges(b, sc, n, relations, EdgeWeights.RELATION);
          addEdges(b, sc, n, typed, EdgeWeights.RELATION);
          addEdges(b, sc, n, synonyms, -1);
        }
      }
      return b.build();
      } finally {
        scratches.add(sc);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Each undirected edge once (from its lower node id); {@code scale} -1 means the synonym weight. */
  private static void addEdges(Subgraph.Builder b, Scratch sc, int n, Adjacency adj, double scale) {
    for (int i = 0, deg = adj.degreeOf(n); i < deg; i++) {
      int t = adj.target(n, i);
      if (n < t && sc.visited(t)) {
        double w = scale < 0 ? EdgeWeights.SYNONYM : adj.weight(n, i) * scale;
        b.edge(sc.local[n], sc.local[t], w);
      }
    }
  }

  /**
   * Per-thread work arrays for one neighbourhood walk, sized to the node space: a node is visited
   * in this walk when its stamp is the walk's, so nothing is cleared between walks.
   */
  private static final class Scratch {
    int[] stamp = new int[0];
    int[] depth = new int[0];
    int[] local = new int[0];
    int[] order = new int[0];
    int current;

    boolean visit(int n, int d) {
      if (stamp[n] == current) {
        return false;
      }
      stamp[n] = current;
      depth[n] = d;
      return true;
    }

    boolean visited(int n) {
      return stamp[n] == current;
    }
  }

  /** Scratch arrays between walks (a pool, not a thread local: legs run on virtual threads). */
  private final java.util.concurrent.ConcurrentLinkedQueue<Scratch> scratches = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private Scratch scratch(int nodes) {
    Scratch sc = scratches.poll();
    if (sc == null) {
      sc = new Scratch();
    }
    if (sc.stamp.length < nodes) {
      int n = Math.max(nodes, sc.stamp.length * 2);
      sc.stamp = new int[n];
      sc.depth = new int[n];
      sc.local = new int[n];
      sc.order = new int[n];
      sc.current = 0;
    }
    if (++sc.current == 0) {
      java.util.Arrays.fill(sc.stamp, 0);
      sc.current = 1;
    }
    return sc;
  }

  @Override
  public List<EntitySummary> searchEntities(String query, int limit) {
    String q = query.toLowerCase(Locale.ROOT).strip();
    lock.readLock().lock();
    try {
      List<Integer> found = new ArrayList<>();
      for (int e : entities.values()) {
        if (matches(e, q)) {
          found.add(e);
        }
      }
      found.sort(Comparator.comparingInt((Integer e) -> -mentions.degreeOf(e)).thenComparing(e -> label[e]));
      return found.stream().limit(limit).map(this::summary).toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  private boolean matches(int e, String q) {
    if (label[e].contains(q) || name[e].toLowerCase(Locale.ROOT).contains(q)) {
      return true;
    }
    for (String a : aliases[e]) {
      if (a.toLowerCase(Locale.ROOT).contains(q)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Optional<EntityDetail> entity(String key, int limit) throws IOException {
    lock.readLock().lock();
    try {
      Integer e = entities.get(key);
      if (e == null) {
        return Optional.empty();
      }
      List<EntityDetail.Neighbour> neighbours = new ArrayList<>();
      Map<Integer, Float> related = new LinkedHashMap<>();
      for (Adjacency adj : List.of(relations, typed)) {
        for (int i = 0; i < adj.degreeOf(e); i++) {
          related.merge(adj.target(e, i), adj.weight(e, i), Float::sum);
        }
      }
      related.forEach((t, w) -> neighbours.add(new EntityDetail.Neighbour(label[t], name[t], "relation", w)));
      for (int i = 0; i < synonyms.degreeOf(e); i++) {
        int t = synonyms.target(e, i);
        neighbours.add(new EntityDetail.Neighbour(label[t], name[t], "synonym", EdgeWeights.SYNONYM));
      }
      neighbours.sort(Comparator.comparingDouble((EntityDetail.Neighbour n) -> -n.weight()).thenComparing(n -> n.key()));
      Set<String> docs = new LinkedHashSet<>();
      for (int i = 0; i < mentions.degreeOf(e); i++) {
        docs.add(PassageFacts.documentOf(label[mentions.target(e, i)]));
      }
      List<String> sortedDocs = docs.stream().sorted().toList();
      List<EntityDetail.Relation> rels = new ArrayList<>();
      for (String doc : sortedDocs) {
        Extraction x = readExtraction(documents.get(doc).offset());
        for (PassageFacts p : x.passages()) {
          for (Fact f : p.facts()) {
            if ((f.source().equals(key) || f.target().equals(key)) && rels.size() < limit) {
              rels.add(new EntityDetail.Relation(f.source(), f.target(), f.type(),
                  PassageFacts.passageId(doc, p.ordinal()), x.date()));
            }
          }
        }
        if (rels.size() >= limit) {
          break;
        }
      }
      return Optional.of(new EntityDetail(summary(e), neighbours.subList(0, Math.min(limit, neighbours.size())),
          rels, sortedDocs.subList(0, Math.min(limit, sortedDocs.size()))));
    } finally {
      lock.readLock().unlock();
    }
  }

  private EntitySummary summary(int e) {
    List<String> all = new ArrayList<>(Arrays.asList(aliases[e]));
    for (int i = 0; i < synonyms.degreeOf(e); i++) {
      String k = label[synonyms.target(e, i)];
      if (!all.contains(k)) {
        all.add(k);
      }
    }
    return new EntitySummary(label[e], name[e], type[e], all, mentions.degreeOf(e));
  }

  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      log.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- writes (under the write lock, or during replay) ----

  private void apply(Extraction e, long offset, int bytes) {
    documents.put(e.documentId(), new Doc(offset, e.contentHash(),
        e.passages().stream().mapToInt(PassageFacts::ordinal).toArray()));
    liveBytes += bytes;
    String titleKey = io.quarry.graph.model.EntityKeys.of(e.title());
    for (PassageFacts p : e.passages()) {
      int pn = passageNode(PassageFacts.passageId(e.documentId(), p.ordinal()));
      Map<String, Integer> here = new HashMap<>();
      for (Mention m : p.mentions()) {
        int en = entityNode(m);
        here.put(m.key(), en);
        if (mentions.weightOf(pn, en) == 0) {
          mentions.add(pn, en, (float) EdgeWeights.mention(m.key(), titleKey));
        }
      }
      for (Fact f : p.facts()) {
        Integer a = here.get(f.source());
        Integer b = here.get(f.target());
        if (a != null && b != null && !a.equals(b)) {
          relate(f, a, b, 1);
        }
      }
    }
  }

  /** Takes a document's contribution away, read back from its own record; prunes orphans. */
  private void unapply(String documentId) throws IOException {
    Doc d = documents.remove(documentId);
    if (d == null) {
      return;
    }
    byte[] record = log.read(d.offset());
    liveBytes -= record.length;
    Extraction old = ExtractionCodec.decode(Arrays.copyOfRange(record, Long.BYTES, record.length));
    Set<Integer> touched = new LinkedHashSet<>();
    for (PassageFacts p : old.passages()) {
      Integer pn = passages.remove(PassageFacts.passageId(documentId, p.ordinal()));
      if (pn == null) {
        continue;
      }
      for (Fact f : p.facts()) {
        Integer a = entities.get(f.source());
        Integer b = entities.get(f.target());
        if (a != null && b != null && !a.equals(b) && p.mentions().stream().anyMatch(m -> m.key().equals(f.source()))
            && p.mentions().stream().anyMatch(m -> m.key().equals(f.target()))) {
          relate(f, a, b, -1);
        }
      }
      for (int i = 0; i < mentions.degreeOf(pn); i++) {
        touched.add(mentions.target(pn, i));
      }
      mentions.clear(pn);
      release(pn);
    }
    for (int en : touched) {
      if (mentions.degreeOf(en) == 0) {
        relations.clear(en);
        typed.clear(en);
        synonyms.clear(en);
        for (String t : SynonymRule.tokens(label[en])) {
          unindex(t, en);
        }
        entities.remove(label[en]);
        release(en);
      }
    }
  }

  /** Adds ({@code +1}) or takes away ({@code -1}) one passage's evidence for a relation. */
  private void relate(Fact f, int a, int b, int delta) {
    if (f.type().equals(Fact.CO_OCCURS)) {
      relations.add(a, b, delta);
      return;
    }
    typed.add(a, b, delta);
    typedTriples.merge(f.source() + "\u0000" + f.target() + "\u0000" + f.type(), delta,
        (x, y) -> x + y == 0 ? null : x + y);
  }

  private int passageNode(String id) {
    Integer n = passages.get(id);
    if (n != null) {
      return n;
    }
    int node = allocate(PASSAGE, id);
    passages.put(id, node);
    return node;
  }

  private int entityNode(Mention m) {
    Integer n = entities.get(m.key());
    if (n != null) {
      if (m.type().equals(Mention.TITLE) && !type[n].equals(Mention.TITLE)) {
        // a document's title names the entity best: it becomes the name, the old one an alias
        String old = name[n];
        name[n] = m.name();
        type[n] = Mention.TITLE;
        addAlias(n, old);
      } else if (!m.name().equals(name[n])) {
        addAlias(n, m.name());
      }
      return n;
    }
    int node = allocate(ENTITY, m.key());
    name[node] = m.name();
    type[node] = m.type();
    aliases[node] = new String[0];
    entities.put(m.key(), node);
    linkSynonyms(node);
    return node;
  }

  /**
   * A token in more entity names than this ("university", "john") is a hub: it is no longer
   * indexed and finds no synonym candidates; names that share only hub tokens are rarely the same
   * thing, and an unbounded list would make every new entity compare itself with thousands.
   */
  static final int MAX_TOKEN_POSTINGS = 128;

  /** Synonym edges to near-identical names, found through a shared token, not a scan. */
  private void linkSynonyms(int node) {
    String key = label[node];
    Set<Integer> seen = new java.util.HashSet<>();
    for (String t : SynonymRule.tokens(key)) {
      int[] others = byToken.get(t);
      if (others != null && others.length >= MAX_TOKEN_POSTINGS) {
        continue; // a hub token
      }
      for (int o : others == null ? new int[0] : others) {
        if (seen.add(o) && SynonymRule.similar(key, label[o])) {
          synonyms.add(node, o, 1f);
        }
      }
      index(t, node);
    }
  }

  private void index(String token, int node) {
    int[] old = byToken.get(token);
    int[] next = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
    next[next.length - 1] = node;
    byToken.put(token, next);
  }

  private void unindex(String token, int node) {
    int[] old = byToken.get(token);
    if (old == null) {
      return;
    }
    int[] next = Arrays.stream(old).filter(x -> x != node).toArray();
    if (next.length == 0) {
      byToken.remove(token);
    } else {
      byToken.put(token, next);
    }
  }

  private void addAlias(int n, String alias) {
    for (String a : aliases[n]) {
      if (a.equals(alias)) {
        return;
      }
    }
    if (alias.equals(name[n])) {
      return;
    }
    aliases[n] = Arrays.copyOf(aliases[n], aliases[n].length + 1);
    aliases[n][aliases[n].length - 1] = alias;
  }

  private int allocate(byte k, String l) {
    int n;
    if (freeCount > 0) {
      n = free[--freeCount];
    } else {
      n = nodes++;
      if (n == kind.length) {
        int size = kind.length * 2;
        kind = Arrays.copyOf(kind, size);
        label = Arrays.copyOf(label, size);
        name = Arrays.copyOf(name, size);
        type = Arrays.copyOf(type, size);
        aliases = Arrays.copyOf(aliases, size);
      }
    }
    kind[n] = k;
    label[n] = l;
    return n;
  }

  private void release(int n) {
    kind[n] = FREE;
    label[n] = null;
    name[n] = null;
    type[n] = null;
    aliases[n] = null;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = n;
  }

  /** Rewrites the log with the live records only, once dead ones are most of it. */
  private void compactIfWasteful() throws IOException {
    if (log.size() < 1 << 20 || log.size() < 3 * Math.max(liveBytes, 1)) {
      return;
    }
    Map<String, Doc> moved = new HashMap<>();
    log.rewrite(into -> {
      for (Map.Entry<String, Doc> d : documents.entrySet()) {
        moved.put(d.getKey(), new Doc(into.append(GraphLog.PUT, log.read(d.getValue().offset())), d.getValue().hash(),
            d.getValue().ordinals()));
      }
    });
    documents.putAll(moved);
  }
}
