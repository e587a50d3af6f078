package io.quarry.server.connectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a path given over HTTP may point: inside one of {@code connectors.roots}, after {@code ..}
 * and symbolic links are resolved (the real path is what is checked, so a link inside a root that
 * points outside it is refused too). A relative path is taken relative to the first root.
 */
public final class PathGuard {

  private final List<Path> roots;

  public PathGuard(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /**
   * @return the real path, inside a root
   * @throws IllegalArgumentException saying why it is refused (the HTTP layer answers 400)
   */
  public Path resolve(String given) {
    if (given == null || given.isBlank()) {
      throw new IllegalArgumentException("field 'source.path' is required: a folder or file under connectors.roots");
    }
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("field 'source.path': no connectors.roots are configured, so no path"
          + " is accepted over HTTP; configure connectors.roots, or a connector in the configuration file");
    }
    Path p = Path.of(given);
    Path candidate = p.isAbsolute() ? p : roots.getFirst().resolve(p);
    if (!Files.exists(candidate)) {
      throw new IllegalArgumentException("field 'source.path': '" + given + "' does not exist");
    }
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("field 'source.path': '" + given + "' cannot be resolved: " + e.getMessage());
    }
    List<String> allowed = new ArrayList<>();
    for (Path root : roots) {
      try {
        Path r = root.toRealPath();
        if (real.startsWith(r)) {
          return real;
        }
        allowed.add(r.toString());
      } catch (IOException e) {
        allowed.add(root + " (missing)");
      }
    }
    throw new IllegalArgumentException("field 'source.path': '" + given + "' resolves to " + real
        + ", outside the allowed roots " + allowed + " (connectors.roots)");
  }
}
