package io.quarry.server.connectors;

import io.quarry.core.document.Document;
import java.util.List;

/**
 * What one scan found.
 *
 * @param upserts new and changed documents
 * @param deletes ids of documents whose files are gone
 * @param next the watermark once these are accepted
 * @param unreadable files skipped this time, each with why (they are tried again next sync)
 */
public record Changes(List<Document> upserts, List<String> deletes, Watermark next, List<String> unreadable) {

  public Changes {
    upserts = List.copyOf(upserts);
    deletes = List.copyOf(deletes);
    unreadable = List.copyOf(unreadable);
  }

  public boolean isEmpty() {
    return upserts.isEmpty() && deletes.isEmpty();
  }
}
