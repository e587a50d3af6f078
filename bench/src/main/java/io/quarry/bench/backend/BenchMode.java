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
  /** The graph leg alone. */
  GRAPH,
  /** BM25 and vector fused. */
  FAST,
  /** The deadline-bounded fan-out with reranking. */
  DEEP,
  /** The engine routes each query itself from its text and as-of day. */
  AUTO;

  /** Lower-case name as used on the wire and in file names. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
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
