package io.quarry.server.jobs;

import io.quarry.core.document.Document;
import java.util.List;

/**
 * Documents to and from a request body ({@code {"documents": [...]}}): jobs keep the body as it
 * was sent, and this reads it back. The HTTP layer provides it, since it owns the wire format.
 */
public interface DocumentCodec {

  byte[] encode(List<Document> documents);

  /**
   * @throws IllegalArgumentException when the body is not a valid batch
   */
  List<Document> decode(byte[] body);
}
