package io.quarry.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.core.document.Document;
import io.quarry.server.jobs.DocumentCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The wire format of {@code POST /v1/documents} and {@code /v1/ingest}, for jobs to keep. */
public final class JsonDocumentCodec implements DocumentCodec {

  private final ObjectMapper mapper;

  public JsonDocumentCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public byte[] encode(List<Document> documents) {
    try {
      return mapper.writeValueAsBytes(new DocumentsBody(documents.stream().map(DocumentBody::of).toList()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Document> decode(byte[] body) {
    try {
      DocumentsBody b = mapper.readValue(body, DocumentsBody.class);
      if (b == null) {
        throw new IllegalArgumentException("a null batch");
      }
      return b.toDocuments(Integer.MAX_VALUE);
    } catch (IOException | BadRequest e) {
      throw new IllegalArgumentException("not a valid batch: " + e.getMessage(), e);
    }
  }
}
