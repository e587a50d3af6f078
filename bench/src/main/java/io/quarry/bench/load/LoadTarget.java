package io.quarry.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * Where a load is sent. {@link #send} must not wait for the answer: the generator sends on
 * schedule, whatever is still in flight. Implementations are thread-safe.
 */
public interface LoadTarget extends AutoCloseable {

  /**
   * Sends one request. The future completes with the reply; it may also complete exceptionally,
   * which the generator counts as an error.
   */
  CompletableFuture<LoadReply> send(LoadRequest request);

  @Override
  default void close() {}
}
