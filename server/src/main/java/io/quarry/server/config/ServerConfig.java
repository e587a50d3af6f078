package io.quarry.server.config;

/**
 * The HTTP side.
 *
 * @param host address to bind; loopback by default, so nothing is exposed unless asked
 * @param port TCP port
 * @param maxBodyBytes largest accepted request body
 * @param maxBatch most documents in one {@code POST /v1/documents}
 */
public record ServerConfig(String host, int port, long maxBodyBytes, int maxBatch) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;
  /** 16 MiB: a batch of 100 long news articles fits, a runaway upload does not. */
  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;
  /** Synchronous upserts embed every passage before answering: keep a batch to seconds. */
  public static final int DEFAULT_MAX_BATCH = 256;

  static ServerConfig from(Settings s) {
    return new ServerConfig(
        s.string("server.host", DEFAULT_HOST),
        s.integer("server.port", DEFAULT_PORT, 0, 65535),
        s.longValue("server.max_body_bytes", DEFAULT_MAX_BODY_BYTES, 1024, 1L << 31),
        s.integer("server.max_batch", DEFAULT_MAX_BATCH, 1, 100_000));
  }
}
