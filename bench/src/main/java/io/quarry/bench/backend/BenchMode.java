package io.quarry.bench.backend;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The modes the runner accepts ({@code --modes}): single legs, the fast and deep paths, auto. */
public enum BenchMode {
  /** The BM25 leg alone. */
  BM25,
  /** The vector leg alone. */
  VECTOR,
  /** The graph leg alone (deep path, seeded by the linked entities only). */
  GRAPH,
  /** BM25 and vector fused. */
  FAST,
  /** The deadline-bounded fan-out with reranking. */
  DEEP,
  /** The engine routes each query itself from its text and as-of day. */
  AUTO;

  /**
   * The API {@code mode} this benchmark mode is sent as: single legs are the path that runs them
   * narrowed to that leg (see {@link #legs()}), as a client would ask for them.
   */
  public String apiMode() {
    return switch (this) {
      case BM25, VECTOR, FAST -> "fast";
      case DEEP, GRAPH -> "deep"; // the graph leg is a node of the deep path
      case AUTO -> "auto";
    };
  }

  /** The API {@code legs} this mode asks for; empty means every leg the engine enables. */
  public java.util.Set<String> legs() {
    return switch (this) {
      case BM25 -> java.util.Set.of("bm25");
      case VECTOR -> java.util.Set.of("vector");
      case GRAPH -> java.util.Set.of("graph");
      default -> java.util.Set.of();
    };
  }

  /** Lower-case name as used on the wire and in file names. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses wire names, in order.
   *
   * @throws IllegalArgumentException naming the first it does not know and the accepted ones
   */
  public static java.util.List<BenchMode> parseAll(java.util.List<String> names) {
    return names.stream().map(BenchMode::parse).toList();
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static BenchMode parse(String name) {
    for (BenchMode m : values()) {
      if (m.wireName().equalsIgnoreCase(name.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("illegal mode: '" + name + "', must be one of "
        + Arrays.stream(values()).map(BenchMode::wireName).collect(Collectors.joining(", ")));
  }
}
