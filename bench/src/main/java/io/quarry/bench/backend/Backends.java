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
   * The in-process engine: the server's own {@code Wiring.engine}, configured by {@code settings}
   * (the {@code --set key=value} pairs, read exactly like the server's configuration), with its
   * indexes and the shared embedding cache under {@code work}.
   */
  public static SearchBackend inProcess(Path work, Map<String, String> settings,
      java.io.PrintStream progress) {
    return new InProcessBackend(work, settings, progress);
  }
}
