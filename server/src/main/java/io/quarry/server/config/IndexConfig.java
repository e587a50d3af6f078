package io.quarry.server.config;

import io.quarry.core.document.ChunkerConfig;
import io.quarry.core.index.IndexSettings;
import io.quarry.core.index.VectorFormat;

/** Reads the {@code index.*} keys into search-core's {@link IndexSettings}. */
final class IndexConfig {

  private IndexConfig() {}

  static IndexSettings from(Settings s) {
    return new IndexSettings(
        (float) s.number("index.bm25.k1", asDouble(IndexSettings.DEFAULT_BM25_K1), 0, 10),
        (float) s.number("index.bm25.b", asDouble(IndexSettings.DEFAULT_BM25_B), 0, 1),
        new ChunkerConfig(
            s.integer("index.chunk.max_words", ChunkerConfig.DEFAULT_MAX_WORDS, 8, 10_000),
            s.integer("index.chunk.overlap_words", ChunkerConfig.DEFAULT_OVERLAP_WORDS, 0, 5_000)),
        s.bool("index.vectors", true),
        s.parsed("index.vector.format", VectorFormat.FLOAT32.wireName(), VectorFormat::parse),
        s.integer("index.hnsw.m", IndexSettings.DEFAULT_HNSW_M, 2, 512),
        s.integer("index.hnsw.beam_width", IndexSettings.DEFAULT_HNSW_BEAM_WIDTH, 1, 3200),
        s.integer("index.vector.max_passages", 0, 0, 100_000),
        s.bool("index.vector.title", true));
  }

  /** 0.4f as 0.4, not 0.4000000059604645, so the logged default reads as written. */
  private static double asDouble(float f) {
    return Double.parseDouble(Float.toString(f));
  }
}
