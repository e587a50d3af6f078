package io.quarry.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code connectors.*} keys: sources Quarry pulls documents from by itself.
 *
 * <pre>
 * connectors:
 *   roots: [/srv/notes]          # where a path given over HTTP may point
 *   vault:                       # a connector named "vault"
 *     type: directory            # directory (markdown, text) or jsonl
 *     path: /srv/notes/vault
 *     every: 5m                  # sync schedule; without it, once at start-up
 * </pre>
 *
 * @param roots {@code connectors.roots}: a path in {@code POST /v1/ingest}'s {@code source} must
 *     resolve inside one of these; none means such paths are refused. Configured connectors are
 *     the operator's own and are not limited to them.
 * @param connectors the configured connectors, by name
 */
public record ConnectorsConfig(List<Path> roots, List<Connector> connectors) {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  /**
   * One configured connector.
   *
   * @param name its name, as in {@code connectors.<name>.*}; documents get {@code source=<name>}
   * @param type {@code directory} or {@code jsonl}
   * @param path the folder (directory) or the file or folder of {@code .jsonl(.gz)} files (jsonl)
   * @param every the sync interval, or null for once at start-up (and on request)
   */
  public record Connector(String name, String type, Path path, Duration every) {}

  static ConnectorsConfig from(Settings s) {
    List<Path> roots = new ArrayList<>();
    for (String r : s.string("connectors.roots", "").split(",")) {
      if (!r.isBlank()) {
        roots.add(Path.of(r.strip()));
      }
    }
    List<Connector> out = new ArrayList<>();
    for (String name : s.names("connectors")) {
      if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
        throw new IllegalArgumentException("illegal connector name '" + name + "' in connectors." + name
            + ".*: use lower-case letters, digits, '-' and '_'");
      }
      String key = "connectors." + name;
      String type = s.choice(key + ".type", "directory", "directory", "jsonl");
      String path = s.string(key + ".path", null);
      if (path == null || path.isBlank()) {
        throw new IllegalArgumentException("illegal " + key + ".path: required, the folder or file to read");
      }
      String every = s.string(key + ".every", "");
      out.add(new Connector(name, type, Path.of(path), every.isBlank() ? null : duration(key + ".every", every)));
    }
    return new ConnectorsConfig(List.copyOf(roots), List.copyOf(out));
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}. */
  static Duration duration(String key, String v) {
    Matcher m = DURATION.matcher(v.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("illegal " + key + ": '" + v + "', must be a duration such as 500ms, 30s, 5m, 1h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (d.toMillis() < 100) {
      throw new IllegalArgumentException("illegal " + key + ": '" + v + "', must be at least 100ms");
    }
    return d;
  }
}
