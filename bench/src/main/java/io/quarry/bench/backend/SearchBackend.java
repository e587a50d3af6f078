package io.quarry.bench.backend;

import io.quarry.bench.data.Corpus;
import java.io.IOException;

/**
 * The engine as the benchmark runner drives it. For each set the runner calls {@link #index} once,
 * then {@link #search} once per query and mode, sequentially from one thread; finally
 * {@link #close}.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>{@link #index}: make exactly the documents of {@code corpus} searchable (and nothing
 *       else), reusing an existing index when corpus and index settings are unchanged
 *       ({@code --work}); report what it did. Called again with another corpus, replace the
 *       previous one.
 *   <li>{@link #search}: answer one query against the last indexed corpus, at most
 *       {@code query.k()} hits best first, with the {@code partial} flag and the latency measured
 *       around the search itself. Use only what {@link BackendQuery} carries.
 *   <li>Failures are exceptions ({@link IOException} for I/O and remote errors), never an empty
 *       result: the runner stops the run rather than score a broken engine.
 * </ul>
 *
 * <p>Implementations: {@link HttpSearchBackend}; the in-process engine is built by
 * {@link Backends#inProcess}.
 */
public interface SearchBackend extends AutoCloseable {

  /** One line naming the backend, written into {@code run.json} settings as bench.backend. */
  String describe();

  /**
   * Indexes one set's corpus (or reuses an index of it).
   *
   * @param setName the set, for progress messages and index naming
   * @param corpus the corpus to stream; {@link Corpus#forEach} may be called as often as needed
   */
  IndexStats index(String setName, Corpus corpus) throws IOException;

  /**
   * Every configuration key the engine resolved, defaults included, for {@code run.json}; empty
   * when the backend cannot see them (HTTP). Valid after the first {@link #index} call.
   */
  default java.util.Map<String, String> engineSettings() {
    return java.util.Map.of();
  }

  /**
   * Sends every passage vector the engine stored, with its document and text, to {@code sink}:
   * what the vector peers are given. Valid after {@link #index}.
   *
   * @throws UnsupportedOperationException when the backend cannot reach the engine's index (HTTP)
   */
  default long exportPassageVectors(io.quarry.core.index.PassageVectors.Sink sink) throws IOException {
    throw new UnsupportedOperationException(describe() + " cannot export its passage vectors;"
        + " the vector peers need the in-process engine (no --server)");
  }

  /**
   * The engine's vector for a query, as its vector leg computes it (uncached).
   *
   * @throws UnsupportedOperationException when the backend cannot reach the engine's encoder
   */
  default float[] queryVector(String text) {
    throw new UnsupportedOperationException(describe() + " cannot embed queries for peers");
  }

  /**
   * A new encoder configured exactly like the engine's, without its caches, for measuring the
   * encoder alone; the caller closes it.
   *
   * @throws UnsupportedOperationException when the backend cannot build one (HTTP)
   */
  default io.quarry.core.spi.TextEncoder newUncachedEncoder() {
    throw new UnsupportedOperationException(describe() + " cannot build its encoder here");
  }

  /** Runs one query. */
  BackendResult search(BackendQuery query) throws IOException;

  @Override
  void close() throws IOException;
}
