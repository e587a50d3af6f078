package io.quarry.bench.cli;

import io.quarry.bench.backend.Backends;
import io.quarry.bench.backend.SearchBackend;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Builds the backend for {@code run}; tests substitute their own. */
@FunctionalInterface
public interface BackendFactory {

  /** The production wiring: HTTP with {@code --server}, else the in-process engine. */
  BackendFactory DEFAULT = (server, work, settings, progress) ->
      server != null ? Backends.http(server) : Backends.inProcess(work, settings, progress);

  /**
   * @param server the {@code --server} URL, or null for in-process
   * @param work the {@code --work} directory
   * @param settings the {@code --set} pairs
   * @param progress where the backend reports long work (indexing)
   */
  SearchBackend create(URI server, Path work, Map<String, String> settings, java.io.PrintStream progress);
}
