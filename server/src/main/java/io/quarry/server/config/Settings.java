package io.quarry.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Flat configuration keys ({@code search.fusion}, {@code index.bm25.k1}, ...) with their sources,
 * read through typed getters that validate and remember what they resolved.
 *
 * <p>Precedence, lowest first: the default passed to the getter, the YAML file (nested maps are
 * flattened to dotted keys), environment variables ({@code QUARRY_} + the key upper-cased with
 * dots and dashes as underscores, e.g. {@code QUARRY_SEARCH_RRF_K}), then explicit overrides
 * ({@code --set key=value}).
 *
 * <p>After all sections have read their keys, {@link #checkAllUsed()} rejects keys that the file
 * or the overrides gave but nothing read: a misspelt key is an error, never silently ignored.
 *
 * <p>Thread-safe after construction.
 */
public final class Settings {

  static final String ENV_PREFIX = "QUARRY_";

  private final Path source;
  private final Map<String, String> file;
  private final Map<String, String> env;
  private final Map<String, String> overrides;
  private final Map<String, Resolved> resolved = new ConcurrentSkipListMap<>();

  /**
   * A key's value as read, and where it came from.
   *
   * @param origin {@code default}, {@code file}, {@code env} or {@code command_line}
   * @param env the environment variable that set it, for {@code env}
   */
  public record Resolved(String value, String origin, String env) {}

  public Settings(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    this(null, file, env, overrides);
  }

  private Settings(Path source, Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    this.source = source;
    this.file = Map.copyOf(file);
    this.env = Map.copyOf(env);
    this.overrides = Map.copyOf(overrides);
  }

  /** The YAML file these settings were read from, or null. */
  public Path source() {
    return source;
  }

  /**
   * The same environment and overrides over the file as it is now: for a reload.
   *
   * @throws IllegalArgumentException when there is no file, or it is missing or not valid YAML
   */
  public Settings reread() {
    if (source == null) {
      throw new IllegalArgumentException("the server was started without --config: there is no file to re-read");
    }
    return new Settings(source, readYaml(source), env, overrides);
  }

  /** Settings from only these overrides: for tests and the benchmark's {@code --set}. */
  public static Settings of(Map<String, String> overrides) {
    return new Settings(Map.of(), Map.of(), overrides);
  }

  /**
   * Loads the YAML file (when given), the process environment and the overrides.
   *
   * @throws IllegalArgumentException when the file is missing or not valid YAML
   */
  public static Settings load(Path yaml, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> fromFile = yaml == null ? Map.of() : readYaml(yaml);
    Map<String, String> fromEnv = new TreeMap<>();
    environment.forEach((k, v) -> {
      if (k.startsWith(ENV_PREFIX)) {
        fromEnv.put(k, v);
      }
    });
    return new Settings(yaml, fromFile, fromEnv, overrides);
  }

  static Map<String, String> readYaml(Path yaml) {
    if (!Files.isRegularFile(yaml)) {
      throw new IllegalArgumentException("illegal config file: " + yaml + " does not exist");
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
      Map<String, String> flat = new LinkedHashMap<>();
      if (root != null && !root.isMissingNode() && !root.isNull()) {
        if (!root.isObject()) {
          throw new IllegalArgumentException("illegal config file: " + yaml + " must hold a map of keys");
        }
        flatten("", root, flat);
      }
      return flat;
    } catch (IOException e) {
      throw new IllegalArgumentException("illegal config file: " + yaml + ": " + e.getMessage(), e);
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(n -> items.add(n.asText()));
      out.put(prefix, String.join(",", items));
    } else {
      out.put(prefix, node.isNull() ? "" : node.asText());
    }
  }

  static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The raw value for {@code key}, or null when no source gives it. */
  private String raw(String key) {
    if (overrides.containsKey(key)) {
      return overrides.get(key);
    }
    String e = env.get(envName(key));
    if (e != null) {
      return e;
    }
    return file.get(key);
  }

  private Resolved resolve(String key, String value, boolean given) {
    if (!given) {
      return new Resolved(value, "default", null);
    }
    if (overrides.containsKey(key)) {
      return new Resolved(value, "command_line", null);
    }
    return env.containsKey(envName(key)) ? new Resolved(value, "env", envName(key)) : new Resolved(value, "file", null);
  }

  public String string(String key, String def) {
    String v = raw(key);
    String value = v == null ? def : v.strip();
    resolved.put(key, resolve(key, value, v != null));
    return value;
  }

  public int integer(String key, int def, int min, int max) {
    return (int) longValue(key, def, min, max);
  }

  public long longValue(String key, long def, long min, long max) {
    String v = string(key, Long.toString(def));
    try {
      long i = Long.parseLong(v);
      if (i < min || i > max) {
        throw new IllegalArgumentException("illegal " + key + ": " + i + ", must be in " + min + ".." + max);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("illegal " + key + ": '" + v + "', must be an integer in " + min + ".." + max);
    }
  }

  public double number(String key, double def, double min, double max) {
    String v = string(key, Double.toString(def));
    try {
      double d = Double.parseDouble(v);
      if (!(d >= min && d <= max)) {
        throw new IllegalArgumentException("illegal " + key + ": " + v + ", must be in " + min + ".." + max);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("illegal " + key + ": '" + v + "', must be a number in " + min + ".." + max);
    }
  }

  /**
   * An enumerated value, parsed by {@code parse} (which names the accepted values when it
   * refuses one).
   *
   * @throws IllegalArgumentException naming the key, the value and what is accepted
   */
  public <T> T parsed(String key, String def, java.util.function.Function<String, T> parse) {
    String v = string(key, def);
    try {
      return parse.apply(v);
    } catch (IllegalArgumentException e) {
      // "illegal fusion: 'max', must be ..." becomes "illegal search.fusion: 'max', must be ..."
      String m = String.valueOf(e.getMessage());
      String why = m.startsWith("illegal ") && m.contains(": ") ? m.substring(m.indexOf(": ") + 2) : m;
      throw new IllegalArgumentException("illegal " + key + ": " + why, e);
    }
  }

  /**
   * One of {@code accepted}, compared case-insensitively.
   *
   * @throws IllegalArgumentException naming the key and the accepted values
   */
  public String choice(String key, String def, String... accepted) {
    String v = string(key, def).toLowerCase(Locale.ROOT);
    if (!List.of(accepted).contains(v)) {
      throw new IllegalArgumentException("illegal " + key + ": '" + v + "', must be one of "
          + String.join(", ", accepted));
    }
    return v;
  }

  public boolean bool(String key, boolean def) {
    String v = string(key, Boolean.toString(def)).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw new IllegalArgumentException("illegal " + key + ": '" + v + "', must be true or false");
    };
  }

  /**
   * Rejects keys that the file or the overrides gave but no section read. Environment variables
   * are shared with other software, so unknown {@code QUARRY_*} ones are only returned, not
   * rejected.
   *
   * @return unknown {@code QUARRY_*} environment variables, for a warning
   * @throws IllegalArgumentException naming the first unknown key and the known ones near it
   */
  public List<String> checkAllUsed() {
    for (Map<String, String> source : List.of(overrides, file)) {
      for (String key : new TreeMap<>(source).keySet()) {
        if (!resolved.containsKey(key)) {
          throw new IllegalArgumentException("unknown configuration key '" + key + "'"
              + suggestion(key) + "; known keys: " + String.join(", ", resolved.keySet()));
        }
      }
    }
    List<String> unknownEnv = new ArrayList<>();
    for (String name : env.keySet()) {
      if (resolved.keySet().stream().noneMatch(k -> envName(k).equals(name))) {
        unknownEnv.add(name);
      }
    }
    return unknownEnv;
  }

  private String suggestion(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : resolved.keySet()) {
      int d = distance(key, known);
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * The names {@code n} of the keys {@code prefix.n.*} that the file or the overrides give, sorted:
   * for sections of named entries ({@code connectors.vault.path}). Environment variables cannot
   * name entries, since their underscores are ambiguous.
   */
  public java.util.SortedSet<String> names(String prefix) {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    for (Map<String, String> source : List.of(overrides, file)) {
      for (String key : source.keySet()) {
        if (key.startsWith(prefix + ".")) {
          String rest = key.substring(prefix.length() + 1);
          int dot = rest.indexOf('.');
          if (dot > 0) {
            out.add(rest.substring(0, dot));
          }
        }
      }
    }
    return out;
  }

  /**
   * Every key read so far with its value and where it came from ({@code "bm25 (default)"},
   * {@code "rrf (env QUARRY_SEARCH_FUSION)"}), sorted: for the start-up log.
   */
  public Map<String, String> resolved() {
    Map<String, String> out = new TreeMap<>();
    resolved.forEach((k, r) -> out.put(k, r.value() + " (" + (r.env() != null ? "env " + r.env()
        : r.origin().equals("command_line") ? "set" : r.origin()) + ")"));
    return out;
  }

  /** Every key read so far, with its origin, sorted: for {@code GET /v1/config}. */
  public Map<String, Resolved> entries() {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(resolved));
  }

  /** Every key read so far with its bare value (no origin), sorted: for run records. */
  public Map<String, String> values() {
    Map<String, String> out = new TreeMap<>();
    resolved.forEach((k, v) -> out.put(k, v.value()));
    return out;
  }
}
