package io.quarry.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.server.jobs.DocumentCodec;
import io.quarry.server.jobs.DocumentCodec.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The wire format of {@code POST /v1/ingest}, for jobs to keep. */
public final class JsonDocumentCodec implements DocumentCodec {

  private final ObjectMapper mapper;

  public JsonDocumentCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public byte[] encode(Batch batch) {
    try {
      return mapper.writeValueAsBytes(new IngestBody(batch.documents().stream().map(DocumentBody::of).toList(),
          batch.deletes().isEmpty() ? null : batch.deletes(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Batch decode(byte[] body) {
    try {
      IngestBody b = mapper.readValue(body, IngestBody.class);
      if (b == null) {
        throw new IllegalArgumentException("a null batch");
      }
      return b.toBatch(Integer.MAX_VALUE);
    } catch (IOException | BadRequest e) {
      throw new IllegalArgumentException("not a valid batch: " + e.getMessage(), e);
    }
  }
}
