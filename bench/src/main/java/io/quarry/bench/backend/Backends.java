package io.quarry.bench.backend;

import io.quarry.bench.data.Corpus;
import io.quarry.server.config.QuarryConfig;
import java.io.IOException;
import java.io.PrintStream;
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
   * The in-process engine: the server's own {@code Wiring.engine}, configured by {@code settings}
   * (the {@code --set key=value} pairs, read exactly like the server's configuration), with its
   * indexes and the shared embedding cache under {@code work}.
   */
  public static SearchBackend inProcess(Path work, Map<String, String> settings,
      java.io.PrintStream progress) {
    return new InProcessBackend(work, settings, progress);
  }

  /**
   * Makes sure {@code corpus} is indexed as {@code run} indexes it in process (the same index
   * directory under {@code work}, reused while corpus and index settings are unchanged; built by
   * {@code Wiring.engine} with the same embedding cache when not), and returns the configuration
   * an engine over it runs with. No engine is left open, so a caller (the JMH benchmarks) may open
   * that index, graph and encoder itself.
   */
  public static QuarryConfig indexed(Path work, Map<String, String> settings, String setName,
      Corpus corpus, PrintStream progress) throws IOException {
    try (InProcessBackend backend = new InProcessBackend(work, settings, progress)) {
      return backend.prepare(setName, corpus);
    }
  }
}
