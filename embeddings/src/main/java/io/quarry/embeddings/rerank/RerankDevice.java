package io.quarry.embeddings.rerank;

import java.util.Locale;

/** Where the reranker should run; resolved once, when the model is loaded. */
public enum RerankDevice {

  /** A GPU when the PyTorch engine sees one, else the CPU. */
  AUTO,
  /** The CPU, even when a GPU is present. */
  CPU,
  /** GPU 0; loading fails when the engine sees no GPU (e.g. the CPU-only libtorch is loaded). */
  GPU;

  /** The configuration spelling: {@code auto}, {@code cpu} or {@code gpu}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code auto}, {@code cpu} or {@code gpu} (any case).
   *
   * @throws IllegalArgumentException naming the field and the accepted values
   */
  public static RerankDevice parse(String value) {
    if (value != null) {
      for (RerankDevice d : values()) {
        if (d.wireName().equalsIgnoreCase(value.strip())) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException("illegal device: " + value + ", must be one of auto, cpu, gpu");
  }
}
