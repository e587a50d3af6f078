package io.quarry.core.spi;

/**
 * A model that encodes both queries and passages into one vector space, and owns resources
 * (native sessions, thread pools) released by {@link #close()}.
 */
public interface TextEncoder extends QueryEncoder, PassageEncoder, AutoCloseable {

  /** Releases native resources; the encoder must not be used afterwards. */
  @Override
  void close();
}
