package io.quarry.server.connectors;

import java.io.IOException;

/** A source of documents that can say what changed since its last watermark. */
public interface Connector {

  /** Its name: documents get it as their {@code source}. */
  String name();

  /**
   * Compares the source with {@code previous}. Reads nothing it does not need to and writes
   * nothing: the caller submits the changes and then saves {@link Changes#next()}.
   */
  Changes scan(Watermark previous) throws IOException;
}
