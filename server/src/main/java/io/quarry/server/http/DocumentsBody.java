package io.quarry.server.http;

import io.quarry.core.document.Document;
import java.util.ArrayList;
import java.util.List;

/** The JSON body of {@code POST /v1/documents}: {@code {"documents": [...]}}. */
public record DocumentsBody(List<DocumentBody> documents) {

  /**
   * Validates every document before any is written, so a bad batch changes nothing.
   *
   * @throws BadRequest naming the first bad field
   */
  public List<Document> toDocuments(int maxBatch) {
    if (documents == null) {
      throw new BadRequest("field 'documents' is required: a list of documents");
    }
    if (documents.isEmpty()) {
      throw new BadRequest("field 'documents' must hold at least one document");
    }
    if (documents.size() > maxBatch) {
      throw new BadRequest(413, "field 'documents' holds " + documents.size()
          + " documents, at most " + maxBatch + " per request (server.max_batch): split the batch, or send it to"
          + " POST /v1/ingest");
    }
    List<Document> out = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      DocumentBody b = documents.get(i);
      if (b == null) {
        throw new BadRequest("field 'documents[" + i + "]' is null, must be a document object");
      }
      out.add(b.toDocument("documents[" + i + "]"));
    }
    return out;
  }
}
