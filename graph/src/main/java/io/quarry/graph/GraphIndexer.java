package io.quarry.graph;

import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.core.spi.DocumentListener;
import io.quarry.graph.extract.DocumentLinks;
import io.quarry.graph.extract.Extractor;
import io.quarry.graph.extract.TitleDictionary;
import io.quarry.graph.model.EntitySummary;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Mention;
import io.quarry.graph.store.GraphStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the graph as documents arrive: told of each write by the index ({@link
 * DocumentListener}), it extracts every changed document and puts it into the store, deletes what
 * the index deleted, and commits the store after the index commits. A batch's titles are known
 * before its documents are extracted, so documents of one batch link to each other's titles.
 *
 * <p>On open, {@link #repair} makes the graph match the index (a crash between the two commits,
 * or a graph switched on over an existing index): documents the graph lacks or holds at another
 * hash are extracted again, documents the index no longer has are deleted.
 *
 * <p>Thread-safe for one write path.
 */
public final class GraphIndexer implements DocumentListener {

  private static final Logger LOG = LoggerFactory.getLogger(GraphIndexer.class);

  private final GraphStore store;
  private final Extractor extractor;
  private final TitleDictionary titles;
  private final AtomicLong extractNanos = new AtomicLong();
  private final AtomicLong extracted = new AtomicLong();
  private final AtomicLong passages = new AtomicLong();

  public GraphIndexer(GraphStore store, Extractor extractor) throws IOException {
    this.store = store;
    this.extractor = extractor;
    this.titles = new TitleDictionary();
    for (EntitySummary e : store.searchEntities("", Integer.MAX_VALUE)) {
      if (e.type().equals(Mention.TITLE)) {
        titles.add(e.name());
      }
    }
  }

  public GraphStore store() {
    return store;
  }

  @Override
  public void indexed(List<Indexed> documents) throws IOException {
    documents.forEach(d -> {
      if (!d.document().title().isBlank()) {
        titles.add(d.document().title());
      }
    });
    // The index calls this after embedding, on one thread, with every other core idle: extract the
    // batch in parallel (extractors are thread-safe), then store in order, one writer.
    List<Extraction> out = documents.size() < 2
        ? documents.stream().map(d -> extract(d.document(), d.contentHash(), d.passages())).toList()
        : documents.parallelStream().map(d -> extract(d.document(), d.contentHash(), d.passages())).toList();
    for (Extraction e : out) {
      store.put(e);
    }
  }

  private void put(Document d, String hash, List<Passage> ps) throws IOException {
    store.put(extract(d, hash, ps));
  }

  private Extraction extract(Document d, String hash, List<Passage> ps) {
    long t = System.nanoTime();
    Extraction e = DocumentLinks.add(extractor.extract(d, hash, ps, titles), d, ps);
    extractNanos.addAndGet(System.nanoTime() - t);
    extracted.incrementAndGet();
    passages.addAndGet(ps.size());
    return e;
  }

  @Override
  public void deleted(String id) throws IOException {
    store.delete(id);
  }

  @Override
  public void committed() throws IOException {
    store.commit();
  }

  /**
   * Makes the graph hold exactly the index's documents at the index's hashes.
   *
   * @param index every document id in the index with its content hash
   * @param load the stored document for an id
   * @param split the passages the index cut a document into
   * @return how many documents were extracted again and how many deleted
   */
  public Repair repair(Map<String, String> index, Function<String, Optional<Document>> load,
      Function<Document, List<Passage>> split) throws IOException {
    Map<String, String> graph = store.documents();
    int deleted = 0;
    for (String id : graph.keySet()) {
      if (!index.containsKey(id)) {
        store.delete(id);
        deleted++;
      }
    }
    List<Document> missing = new ArrayList<>();
    index.forEach((id, hash) -> {
      if (!hash.equals(graph.get(id))) {
        load.apply(id).ifPresent(missing::add);
      }
    });
    missing.forEach(d -> titles.add(d.title()));
    long start = System.nanoTime();
    for (int i = 0; i < missing.size(); i++) {
      Document d = missing.get(i);
      put(d, index.get(d.id()), split.apply(d));
      if ((i + 1) % 1000 == 0) { // a graph switched on over a big index takes a while: say so
        LOG.info("graph repair: {} of {} documents extracted, {} s", i + 1, missing.size(),
            (System.nanoTime() - start) / 1_000_000_000);
      }
    }
    if (deleted > 0 || !missing.isEmpty()) {
      store.commit();
      LOG.info("graph repaired from the index: {} documents extracted, {} deleted", missing.size(), deleted);
    }
    return new Repair(missing.size(), deleted);
  }

  /** What {@link #repair} did. */
  public record Repair(int extracted, int deleted) {}

  /** Extraction so far in this process: documents, passages, and seconds spent. */
  public ExtractionStats extractionStats() {
    return new ExtractionStats(extracted.get(), passages.get(), extractNanos.get() / 1e9);
  }

  /**
   * @param documents documents extracted since start-up
   * @param passages their passages
   * @param seconds time spent extracting, summed over the threads that extract a batch in parallel
   */
  public record ExtractionStats(long documents, long passages, double seconds) {
    /** Passages per second of extraction, or 0 before any. */
    public double passagesPerSecond() {
      return seconds == 0 ? 0 : passages / seconds;
    }
  }
}
