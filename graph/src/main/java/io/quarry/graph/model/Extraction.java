package io.quarry.graph.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything the graph holds for one document: a store replaces a document's previous extraction
 * with this one as a whole.
 *
 * @param documentId the document's external id
 * @param contentHash what the index holds for it ({@code content_hash}): a restart re-extracts a
 *     document whose hash the graph does not have
 * @param title the title, or empty
 * @param date the publish day (facts have a time), or null when undated
 * @param extractor which extractor produced it ({@code opennlp}, {@code ollama:<model>}, or
 *     {@code opennlp (fallback: <why>)})
 * @param passages one per passage of the document
 */
public record Extraction(String documentId, String contentHash, String title, LocalDate date,
    String extractor, List<PassageFacts> passages) {
  public Extraction {
    Objects.requireNonNull(documentId, "documentId");
    contentHash = contentHash == null ? "" : contentHash;
    title = title == null ? "" : title;
    extractor = extractor == null ? "" : extractor;
    passages = List.copyOf(passages);
  }

  /** The same extraction, recorded as made by {@code name}. */
  public Extraction withExtractor(String name) {
    return new Extraction(documentId, contentHash, title, date, name, passages);
  }
}
