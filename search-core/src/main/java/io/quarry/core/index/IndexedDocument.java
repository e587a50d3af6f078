package io.quarry.core.index;

import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A document ready to be written: its passages and, for the passages that are embedded, their
 * vectors.
 *
 * @param document the document
 * @param passages its passages, in order; at least one
 * @param vectors one entry per passage: the vector, or null for a passage that is not embedded
 * @param contentHash hash of everything written, used to detect unchanged re-sends
 */
public record IndexedDocument(
    Document document, List<Passage> passages, List<float[]> vectors, String contentHash) {

  public IndexedDocument {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(contentHash, "contentHash");
    passages = List.copyOf(passages);
    if (passages.isEmpty()) {
      throw new IllegalArgumentException("illegal passages: document '" + document.id() + "' has none");
    }
    if (vectors == null) {
      vectors = Collections.nCopies(passages.size(), null);
    } else if (vectors.size() != passages.size()) {
      throw new IllegalArgumentException("illegal vectors: " + vectors.size()
          + " for " + passages.size() + " passages of document '" + document.id() + "'");
    } else {
      vectors = Collections.unmodifiableList(new ArrayList<>(vectors)); // allows null entries
    }
  }
}
