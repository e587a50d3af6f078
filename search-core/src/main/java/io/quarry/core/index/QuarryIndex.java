package io.quarry.core.index;

import io.quarry.core.document.Document;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * The one Lucene index of a Quarry instance: documents as blocks of passages plus a parent.
 *
 * <p>Writes are upserts by external id ({@link IndexWriter#updateDocuments} replaces the whole
 * block atomically, so a re-sent document never duplicates). Reads go through one {@link
 * SearcherManager} that a background {@link ControlledRealTimeReopenThread} refreshes; {@link
 * #awaitVisible(long)} gives read-your-writes to callers that need it.
 *
 * <p>The index remembers which embedding model and which {@link IndexSettings#fingerprint()} wrote
 * it, and refuses to open with different ones: vectors from two models in one graph would rank
 * silently wrong.
 *
 * <p>Thread-safe. Writes are serialised by this object; searches run concurrently.
 */
public final class QuarryIndex implements Closeable {

  static final String META_PREFIX = "quarry.";
  static final String META_SETTINGS = "quarry.settings";
  static final String META_MODEL = "quarry.model";
  static final String META_DIMENSION = "quarry.dimension";
  static final String META_LAST_WRITE = "quarry.last_write";

  private static final Query PARENTS = new TermQuery(new Term(Fields.KIND, Fields.KIND_DOCUMENT));
  private static final Query CHILDREN = new TermQuery(new Term(Fields.KIND, Fields.KIND_PASSAGE));

  private final Path path;
  private final IndexSettings settings;
  private final String embeddingModel;
  private final int dimension;
  private final Directory directory;
  private final Analyzer analyzer;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
  private final BitSetProducer parents = new QueryBitSetProducer(PARENTS);
  private volatile Instant lastWrite;
  /** Callers' own commit data (the ingest checkpoint), carried into every later commit. */
  private final Map<String, String> userData = new HashMap<>();

  private QuarryIndex(Path path, IndexSettings settings, String embeddingModel, int dimension)
      throws IOException {
    this.path = path;
    this.settings = settings;
    this.embeddingModel = embeddingModel;
    this.dimension = dimension;
    Files.createDirectories(path);
    // MMapDirectory, not whatever FSDirectory.open picks: the search paths interrupt late legs, and
    // an interrupt during a read closes NIOFSDirectory's shared FileChannel for every reader;
    // memory-mapped reads are not channel reads and ignore interrupts.
    this.directory = new MMapDirectory(path);
    Map<String, String> existing = existingMetadata(directory);
    checkCompatible(existing);
    this.lastWrite = existing.containsKey(META_LAST_WRITE)
        ? Instant.ofEpochMilli(Long.parseLong(existing.get(META_LAST_WRITE))) : null;
    existing.forEach((k, v) -> {
      if (!k.startsWith(META_PREFIX)) {
        userData.put(k, v);
      }
    });
    this.analyzer = new EnglishAnalyzer();
    IndexWriterConfig config = new IndexWriterConfig(analyzer)
        .setCodec(new QuarryCodec(settings))
        .setSimilarity(similarity(settings))
        .setRAMBufferSizeMB(128)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    this.writer = new IndexWriter(directory, config);
    writer.setLiveCommitData(metadata().entrySet());
    BM25Similarity similarity = similarity(settings);
    this.searchers = new SearcherManager(writer, new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
          org.apache.lucene.index.IndexReader previous) {
        IndexSearcher s = new IndexSearcher(reader);
        s.setSimilarity(similarity);
        return s;
      }
    });
    // Refresh at most every second when idle, within 25 ms when a writer waits for visibility.
    this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, 1.0, 0.025);
    reopener.setName("quarry-index-refresh");
    reopener.setDaemon(true);
    reopener.start();
  }

  /**
   * Opens (or creates) the index at {@code path}.
   *
   * @param embeddingModel id of the passage encoder, or null for a BM25-only index
   * @param dimension vector length (0 when {@code embeddingModel} is null)
   * @throws IllegalStateException when the index was written with other settings or another model
   */
  public static QuarryIndex open(Path path, IndexSettings settings, String embeddingModel, int dimension)
      throws IOException {
    Objects.requireNonNull(settings, "settings");
    if (settings.vectors() && (embeddingModel == null || dimension <= 0)) {
      throw new IllegalArgumentException("illegal index settings: vectors are on but no embedding model is given");
    }
    return new QuarryIndex(path, settings,
        settings.vectors() ? embeddingModel : null, settings.vectors() ? dimension : 0);
  }

  private static BM25Similarity similarity(IndexSettings s) {
    return new BM25Similarity(s.bm25K1(), s.bm25B());
  }

  private static Map<String, String> existingMetadata(Directory dir) throws IOException {
    if (!DirectoryReader.indexExists(dir)) {
      return Map.of();
    }
    return SegmentInfos.readLatestCommit(dir).getUserData();
  }

  private void checkCompatible(Map<String, String> existing) {
    String oldSettings = existing.get(META_SETTINGS);
    if (oldSettings != null && !oldSettings.equals(settings.fingerprint())) {
      throw new IllegalStateException("index at " + path + " was built with settings [" + oldSettings
          + "] but the configuration asks for [" + settings.fingerprint()
          + "]: re-index into an empty data directory, or restore the old settings");
    }
    String oldModel = existing.get(META_MODEL);
    if (oldModel != null && !oldModel.equals(String.valueOf(embeddingModel))) {
      throw new IllegalStateException("index at " + path + " holds vectors of model '" + oldModel
          + "' but the configured model is '" + embeddingModel
          + "': re-index into an empty data directory, or configure the old model");
    }
  }

  private Map<String, String> metadata() {
    Map<String, String> m = new HashMap<>(userData);
    m.put(META_SETTINGS, settings.fingerprint());
    m.put(META_MODEL, String.valueOf(embeddingModel));
    m.put(META_DIMENSION, Integer.toString(dimension));
    if (lastWrite != null) {
      m.put(META_LAST_WRITE, Long.toString(lastWrite.toEpochMilli()));
    }
    return m;
  }

  public IndexSettings settings() {
    return settings;
  }

  /** The analyzer used for the BM25 fields; queries must be analysed with it too. */
  public Analyzer analyzer() {
    return analyzer;
  }

  /** Identifies parent (document) Lucene docs, per segment; cached. */
  public BitSetProducer parents() {
    return parents;
  }

  /** Matches every parent (document) Lucene doc. */
  public static Query parentsQuery() {
    return PARENTS;
  }

  /** Matches every child (passage) Lucene doc. */
  public static Query childrenQuery() {
    return CHILDREN;
  }

  /** The embedding model id, or null for a BM25-only index. */
  public String embeddingModel() {
    return embeddingModel;
  }

  public int dimension() {
    return dimension;
  }

  /**
   * Writes documents, replacing any with the same id. Not yet durable: see {@link #commit()}.
   *
   * @return the sequence number of the last write, for {@link #awaitVisible(long)}
   */
  public synchronized long upsert(List<IndexedDocument> documents) throws IOException {
    long seq = -1;
    for (IndexedDocument d : documents) {
      for (float[] v : d.vectors()) {
        if (v != null && (dimension == 0 || v.length != dimension)) {
          throw new IllegalArgumentException("illegal vector for document '" + d.document().id()
              + "': " + v.length + " dimensions, the index takes " + dimension);
        }
      }
      seq = writer.updateDocuments(new Term(Fields.DOC_ID, d.document().id()), DocumentMapper.toBlock(d));
    }
    if (!documents.isEmpty()) {
      lastWrite = Instant.now();
    }
    return seq;
  }

  /**
   * Deletes a document and its passages.
   *
   * @return the sequence number of the delete, for {@link #awaitVisible(long)}
   */
  public synchronized long delete(String id) throws IOException {
    long seq = writer.deleteDocuments(new Term(Fields.DOC_ID, id));
    lastWrite = Instant.now();
    return seq;
  }

  /** Makes every write so far durable (fsync). */
  public synchronized void commit() throws IOException {
    commit(Map.of());
  }

  /**
   * Makes every write so far durable together with {@code data}: a caller's record of what the
   * commit holds (how far a journal has been applied), atomic with the documents. Entries stay in
   * every later commit until replaced; see {@link #commitData()}.
   *
   * @param data entries to set; keys must not start with {@code quarry.}, which are the index's own
   */
  public synchronized void commit(Map<String, String> data) throws IOException {
    data.keySet().forEach(k -> {
      if (k.startsWith(META_PREFIX)) {
        throw new IllegalArgumentException("illegal commit data key '" + k + "': the quarry. prefix is the index's own");
      }
    });
    userData.putAll(data);
    writer.setLiveCommitData(metadata().entrySet());
    writer.commit();
  }

  /**
   * The callers' entries of the last commit: as read on open, then as given to {@link
   * #commit(Map)}.
   */
  public synchronized Map<String, String> commitData() {
    return Map.copyOf(userData);
  }

  /** Blocks until searches see every write up to {@code sequence}. */
  public void awaitVisible(long sequence) {
    if (sequence < 0) {
      return;
    }
    try {
      reopener.waitForGeneration(sequence);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the index refresh", e);
    }
  }

  /** A point-in-time view for searching; close it to release. */
  public Snapshot acquire() throws IOException {
    return new Snapshot(searchers);
  }

  /** The stored document with this id, from the current view. */
  public Optional<Document> get(String id) throws IOException {
    try (Snapshot s = acquire()) {
      int doc = s.parentOf(id);
      return doc < 0 ? Optional.empty()
          : Optional.of(DocumentMapper.fromStored(s.searcher().storedFields().document(doc)));
    }
  }

  /** Content hashes of those ids that are in the current view. */
  public Map<String, String> contentHashes(Collection<String> ids) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Snapshot s = acquire()) {
      StoredFields stored = s.searcher().storedFields();
      for (String id : ids) {
        int doc = s.parentOf(id);
        if (doc >= 0) {
          out.put(id, stored.document(doc, java.util.Set.of(Fields.CONTENT_HASH)).get(Fields.CONTENT_HASH));
        }
      }
    }
    return out;
  }

  /** The content hash of every document in the current view, by id (a derived store's repair). */
  public Map<String, String> allContentHashes() throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Snapshot s = acquire()) {
      IndexSearcher searcher = s.searcher();
      StoredFields stored = searcher.storedFields();
      for (org.apache.lucene.index.LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
        org.apache.lucene.util.BitSet bits = parents.getBitSet(leaf);
        if (bits == null) {
          continue;
        }
        org.apache.lucene.index.SortedDocValues keys = leaf.reader().getSortedDocValues(Fields.DOC_KEY);
        for (int d = bits.nextSetBit(0); d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
            d = d + 1 >= leaf.reader().maxDoc() ? org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS : bits.nextSetBit(d + 1)) {
          if ((live != null && !live.get(d)) || keys == null || !keys.advanceExact(d)) {
            continue;
          }
          String id = keys.lookupOrd(keys.ordValue()).utf8ToString();
          out.put(id, stored.document(leaf.docBase + d, java.util.Set.of(Fields.CONTENT_HASH)).get(Fields.CONTENT_HASH));
        }
      }
    }
    return out;
  }

  /** Counts and sizes from the current view. */
  public IndexStats stats() throws IOException {
    try (Snapshot s = acquire()) {
      IndexSearcher searcher = s.searcher();
      long embedded = dimension == 0 ? 0 : searcher.count(new FieldExistsQuery(Fields.VECTOR));
      return new IndexStats(searcher.count(PARENTS), searcher.count(CHILDREN), embedded,
          sizeOnDisk(), lastWrite, embeddingModel, dimension);
    }
  }

  private long sizeOnDisk() throws IOException {
    long total = 0;
    for (String file : directory.listAll()) {
      try {
        total += directory.fileLength(file);
      } catch (java.nio.file.NoSuchFileException e) {
        // merged away while we listed: not part of the index any more
      }
    }
    return total;
  }

  @Override
  public synchronized void close() throws IOException {
    reopener.close();
    searchers.close();
    writer.setLiveCommitData(metadata().entrySet());
    writer.close();
    directory.close();
  }

  /**
   * A searcher acquired from the manager, released on close. All Lucene doc ids seen through one
   * snapshot are consistent with each other.
   */
  public static final class Snapshot implements AutoCloseable {
    private final SearcherManager manager;
    private final IndexSearcher searcher;

    private Snapshot(SearcherManager manager) throws IOException {
      this.manager = manager;
      this.searcher = manager.acquire();
    }

    public IndexSearcher searcher() {
      return searcher;
    }

    /**
     * A searcher over this snapshot that stops collecting once {@code timeout} says so (Lucene's
     * {@code QueryTimeout}, checked while scoring and while walking the HNSW graph). A new one per
     * call: the shared searcher serves concurrent requests, so its own timeout cannot be set.
     */
    public IndexSearcher searcher(QueryTimeout timeout) {
      IndexSearcher own = new IndexSearcher(searcher.getIndexReader());
      own.setSimilarity(searcher.getSimilarity());
      own.setTimeout(timeout);
      return own;
    }

    /** Lucene doc id of the live parent with this external id, or -1. */
    public int parentOf(String id) throws IOException {
      Query q = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(Fields.DOC_ID, id)), Occur.FILTER)
          .add(PARENTS, Occur.FILTER)
          .build();
      TopDocs top = searcher.search(q, 1);
      ScoreDoc[] docs = top.scoreDocs;
      return docs.length == 0 ? -1 : docs[0].doc;
    }

    @Override
    public void close() {
      try {
        manager.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
