package io.quarry.bench.backend;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the {@link SearchBackend} for a run: the one place where backends are constructed.
 */
public final class Backends {

  private Backends() {}

  /** The backend that sends every request to a running Quarry server ({@code --server URL}). */
  public static SearchBackend http(URI server) {
    return new HttpSearchBackend(server);
  }

  /**
   * The in-process engine: <b>the place to plug it in</b>. It should build the search-core
   * pipeline from {@code settings} (the {@code --set key=value} pairs, read like the server's
   * configuration) with its indexes and embedding cache under {@code work}, and wrap it in a
   * {@link SearchBackend}.
   *
   * <p>Not available yet: the engine is being written. Until then this fails, so that no run can
   * report numbers from a stand-in.
   *
   * @throws UnsupportedOperationException always, for now
   */
  public static SearchBackend inProcess(Path work, Map<String, String> settings) {
    throw new UnsupportedOperationException(
        "the in-process engine is not wired into the runner yet; run the benchmark against a"
            + " running server with --server URL (for example --server http://127.0.0.1:7070)");
  }
}
