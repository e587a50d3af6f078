package io.quarry.bench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A benchmark suite ({@code suite.json}): {@code {"name", "sets": [{"name", "corpus", "queries",
 * "qrels"}]}}, every path relative to the suite file's directory (absolute paths are kept).
 *
 * @param name suite name
 * @param sets the sets in file order; names unique
 */
public record Suite(String name, List<SuiteSet> sets) {

  public Suite {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("illegal suite name: must not be blank");
    }
    sets = List.copyOf(sets);
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("illegal suite '" + name + "': has no sets");
    }
    Set<String> names = new HashSet<>();
    for (SuiteSet s : sets) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("illegal suite '" + name + "': set '" + s.name()
            + "' appears twice");
      }
    }
  }

  /**
   * Reads a suite file.
   *
   * @throws IOException when unreadable or not of the documented shape
   */
  public static Suite read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    Path dir = file.toAbsolutePath().getParent();
    String name = field(root, "name", file);
    JsonNode sets = root.get("sets");
    if (sets == null || !sets.isArray()) {
      throw new IOException(file + ": field 'sets' must be an array of {name, corpus, queries, qrels}");
    }
    List<SuiteSet> out = new ArrayList<>();
    for (JsonNode s : sets) {
      try {
        out.add(new SuiteSet(field(s, "name", file), dir.resolve(field(s, "corpus", file)),
            dir.resolve(field(s, "queries", file)), dir.resolve(field(s, "qrels", file))));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": " + e.getMessage());
      }
    }
    try {
      return new Suite(name, out);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage());
    }
  }

  /**
   * The named sets in the order given; all sets when {@code names} is empty.
   *
   * @throws IllegalArgumentException naming the unknown set and the available ones
   */
  public List<SuiteSet> select(List<String> names) {
    if (names.isEmpty()) {
      return sets;
    }
    Map<String, SuiteSet> byName = new LinkedHashMap<>();
    sets.forEach(s -> byName.put(s.name(), s));
    List<SuiteSet> out = new ArrayList<>();
    for (String n : names) {
      SuiteSet s = byName.get(n.strip());
      if (s == null) {
        throw new IllegalArgumentException("unknown set: '" + n + "', the suite has "
            + String.join(", ", byName.keySet()));
      }
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static String field(JsonNode node, String name, Path file) throws IOException {
    JsonNode v = node == null ? null : node.get(name);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IOException(file + ": missing or empty string field '" + name + "'");
    }
    return v.asText();
  }
}
