package io.quarry.core.index;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How passage vectors are stored in the HNSW graph. */
public enum VectorFormat {
  /** 32-bit floats: exact scores, 4 bytes a dimension. */
  FLOAT32,
  /** Lucene's 7-bit scalar quantization (about 4x smaller), floats kept for rescoring. */
  INT7,
  /** Lucene's 4-bit scalar quantization (about 8x smaller), floats kept for rescoring. */
  INT4;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; the error lists the accepted ones. */
  public static VectorFormat parse(String name) {
    for (VectorFormat f : values()) {
      if (f.wireName().equalsIgnoreCase(name.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("illegal vector format: '" + name + "', must be one of "
        + Arrays.stream(values()).map(VectorFormat::wireName).collect(Collectors.joining(", ")));
  }
}
