package io.quarry.server;

import io.quarry.core.document.Document;
import io.quarry.core.index.IndexResult;
import io.quarry.core.index.Indexer;
import io.quarry.core.index.QuarryIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Every write to the index goes through here: synchronous upserts, deletes, bulk loads and the
 * ingest worker's batches. Writes and their commit happen under one lock, so a commit holds
 * whole batches only and its commit data (the ingest checkpoint) says exactly what it holds. The
 * encoder runs outside the lock: a slow embedding never blocks another writer's commit.
 *
 * <p>Each commit is the index's first, then the listener's (the graph), so the graph never runs
 * ahead of the index.
 *
 * <p>Thread-safe.
 */
public final class WritePath {

  private final QuarryIndex index;
  private final Indexer indexer;
  private final ReentrantLock lock = new ReentrantLock();

  public WritePath(QuarryIndex index, Indexer indexer) {
    this.index = index;
    this.indexer = indexer;
  }

  public Indexer indexer() {
    return indexer;
  }

  /** Writes a small batch durably and makes it visible to searches before returning. */
  public IndexResult upsert(List<Document> documents) throws IOException {
    Indexer.Prepared prepared = indexer.prepare(documents);
    IndexResult r = apply(prepared, written -> Map.of(), () -> {});
    index.awaitVisible(r.sequence());
    return r;
  }

  /**
   * Writes a prepared batch and commits it, with the commit data {@code checkpoint} builds from
   * what was written.
   *
   * @param beforeCommit runs under the lock after the write, before the commit (the ingest
   *     worker makes its dead letters durable there, so a commit never runs past them)
   */
  public IndexResult apply(Indexer.Prepared prepared, Function<IndexResult, Map<String, String>> checkpoint,
      BeforeCommit beforeCommit) throws IOException {
    lock.lock();
    try {
      IndexResult r = indexer.write(prepared);
      beforeCommit.run();
      long t = System.nanoTime();
      commit(checkpoint.apply(r));
      return r.plusWriteNanos(System.nanoTime() - t);
    } finally {
      lock.unlock();
    }
  }

  /** Chunks and embeds without writing (no lock): see {@link Indexer#prepare}. */
  public Indexer.Prepared prepare(List<Document> documents) throws IOException {
    return indexer.prepare(documents);
  }

  /**
   * Bulk load: indexes documents in batches (so the encoder can batch them by length), reports
   * progress after each batch, and commits once at the end.
   */
  public IndexResult ingest(Iterator<Document> documents, int batchSize, Engine.IngestProgress progress)
      throws IOException {
    IndexResult total = IndexResult.EMPTY;
    List<Document> batch = new ArrayList<>(batchSize);
    while (documents.hasNext()) {
      batch.add(documents.next());
      if (batch.size() == batchSize || !documents.hasNext()) {
        Indexer.Prepared prepared = indexer.prepare(batch);
        lock.lock();
        try {
          total = total.plus(indexer.write(prepared));
        } finally {
          lock.unlock();
        }
        batch.clear();
        progress.update(total);
      }
    }
    lock.lock();
    try {
      commit(Map.of());
    } finally {
      lock.unlock();
    }
    index.awaitVisible(total.sequence());
    return total;
  }

  /**
   * Deletes durably.
   *
   * @return false when no document had this id
   */
  public boolean delete(String id) throws IOException {
    if (index.get(id).isEmpty()) {
      return false;
    }
    delete(List.of(id), deleted -> Map.of());
    return true;
  }

  /** Work that must be durable before a commit moves past it. */
  @FunctionalInterface
  public interface BeforeCommit {
    void run() throws IOException;
  }

  /** Blocks until searches see every write up to {@code sequence} (-1: nothing to wait for). */
  public void awaitVisible(long sequence) {
    index.awaitVisible(sequence);
  }

  /**
   * Deletes ids and commits, with the commit data {@code checkpoint} builds from how many existed.
   * Every id is deleted; the count is of those the current view holds, so a caller that wrote
   * some of them just before waits for them to be visible first ({@link #awaitVisible}).
   *
   * @return how many of the ids were in the index
   */
  public int delete(List<String> ids, java.util.function.IntFunction<Map<String, String>> checkpoint)
      throws IOException {
    lock.lock();
    long seq = -1;
    int deleted;
    try {
      // counted from the searcher's view, deleted regardless: a write not yet visible goes too
      deleted = index.contentHashes(ids).size();
      for (String id : ids) {
        seq = index.delete(id);
        indexer.listener().deleted(id);
      }
      commit(checkpoint.apply(deleted));
    } finally {
      lock.unlock();
    }
    index.awaitVisible(seq);
    return deleted;
  }

  /** The callers' commit data of the last commit (the ingest checkpoint). */
  public Map<String, String> commitData() {
    return index.commitData();
  }

  /** The index's commit, then the listener's; the caller holds the lock. */
  private void commit(Map<String, String> data) throws IOException {
    index.commit(data);
    indexer.listener().committed();
  }

}
