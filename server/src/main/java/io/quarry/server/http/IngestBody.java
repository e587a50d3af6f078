package io.quarry.server.http;

import io.quarry.core.document.Document;
import io.quarry.server.jobs.DocumentCodec.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON body of {@code POST /v1/ingest}: documents to upsert and ids to delete, {@code
 * {"documents": [...], "delete": ["id", ...]}}, or a connector source, {@code {"source": {"type":
 * "directory", "path": "..."}}}.
 */
public record IngestBody(List<DocumentBody> documents, List<String> delete, SourceBody source) {

  /**
   * A connector source given over HTTP: its path must lie under {@code connectors.roots}.
   *
   * @param type {@code directory} (markdown and text files) or {@code jsonl}
   * @param path the folder or file
   */
  public record SourceBody(String type, String path) {}

  /**
   * Validates every document and id before anything is accepted.
   *
   * @throws BadRequest naming the first bad field
   */
  public Batch toBatch(int maxItems) {
    int n = (documents == null ? 0 : documents.size()) + (delete == null ? 0 : delete.size());
    if (n == 0) {
      throw new BadRequest("field 'documents' is required: a list of documents (or 'delete', a list of"
          + " ids, or 'source', a connector source)");
    }
    if (n > maxItems) {
      throw new BadRequest(413, "the request holds " + n + " documents and deletions, at most " + maxItems
          + " per request (ingest.max_documents): split the batch");
    }
    List<Document> docs = new ArrayList<>();
    if (documents != null) {
      for (int i = 0; i < documents.size(); i++) {
        DocumentBody b = documents.get(i);
        if (b == null) {
          throw new BadRequest("field 'documents[" + i + "]' is null, must be a document object");
        }
        docs.add(b.toDocument("documents[" + i + "]"));
      }
    }
    List<String> ids = new ArrayList<>();
    if (delete != null) {
      for (int i = 0; i < delete.size(); i++) {
        String id = delete.get(i);
        if (id == null || id.isBlank()) {
          throw new BadRequest("field 'delete[" + i + "]' must be a document id, not blank");
        }
        ids.add(id);
      }
    }
    return new Batch(docs, ids);
  }
}
