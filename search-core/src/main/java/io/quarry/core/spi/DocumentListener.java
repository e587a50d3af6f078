package io.quarry.core.spi;

import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import java.io.IOException;
import java.util.List;

/**
 * Told of every write the index takes, in order, so a derived store (the knowledge graph) is
 * built as documents arrive: the documents that changed (unchanged re-sends are not passed), the
 * deletes, and each commit. A listener's own store is made durable in {@link #committed()}, after
 * the index's commit; one that may lag behind a crash repairs itself from the index on open.
 *
 * <p>Implementations are thread-safe; calls for one index come from its single write path.
 */
public interface DocumentListener {

  /** Does nothing. */
  DocumentListener NONE = new DocumentListener() {
    @Override public void indexed(List<Indexed> documents) {}
    @Override public void deleted(String id) {}
    @Override public void committed() {}
  };

  /** Documents written (new or changed), each with its content hash and passages. */
  void indexed(List<Indexed> documents) throws IOException;

  /** A document deleted. */
  void deleted(String id) throws IOException;

  /** The index committed: everything so far is durable there. */
  void committed() throws IOException;

  /**
   * One written document.
   *
   * @param document as the client sent it
   * @param contentHash the hash the index stores for it
   * @param passages its passages as the index chunked them
   */
  record Indexed(Document document, String contentHash, List<Passage> passages) {
    public Indexed {
      passages = List.copyOf(passages);
    }
  }
}
