package io.quarry.core.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a query is answered: the fast path, the deep fan-out, or a per-query choice. */
public enum SearchMode {
  /** BM25 and vector legs in parallel, fused. */
  FAST,
  /** The deadline-bounded fan-out of many legs with reranking (a later issue). */
  DEEP,
  /** The engine chooses fast or deep from the query alone. */
  AUTO;

  /** Lower-case name as used on the wire. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static SearchMode parse(String name) {
    for (SearchMode m : values()) {
      if (m.wireName().equalsIgnoreCase(name.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("illegal mode: '" + name + "', must be one of "
        + Arrays.stream(values()).map(SearchMode::wireName).collect(Collectors.joining(", ")));
  }
}
