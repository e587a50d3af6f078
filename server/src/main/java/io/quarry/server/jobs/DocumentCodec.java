package io.quarry.server.jobs;

import io.quarry.core.document.Document;
import java.util.List;

/**
 * Batches to and from a request body ({@code {"documents": [...], "delete": [...]}}): jobs keep
 * the body as it was sent, and this reads it back. The HTTP layer provides it, since it owns the
 * wire format.
 */
public interface DocumentCodec {

  byte[] encode(Batch batch);

  /**
   * @throws IllegalArgumentException when the body is not a valid batch
   */
  Batch decode(byte[] body);

  /**
   * What one job does: upserts, then deletions (a document in both ends deleted).
   *
   * @param documents to index, in order
   * @param deletes ids to remove from the index and the graph
   */
  record Batch(List<Document> documents, List<String> deletes) {
    public Batch {
      documents = List.copyOf(documents);
      deletes = List.copyOf(deletes);
    }

    public static Batch of(List<Document> documents) {
      return new Batch(documents, List.of());
    }

    public int size() {
      return documents.size() + deletes.size();
    }
  }
}
