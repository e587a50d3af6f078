package io.quarry.core.index;

import io.quarry.core.document.ChunkerConfig;

/**
 * Everything that shapes what is written to the index. Two indexes built with equal settings
 * from the same documents are interchangeable; a change to any of these needs a re-index.
 *
 * @param bm25K1 BM25 term-frequency saturation
 * @param bm25B BM25 length normalisation
 * @param chunking passage size and overlap
 * @param vectors whether passages are embedded at all (false: BM25-only index)
 * @param vectorFormat how vectors are stored
 * @param hnswM HNSW graph degree
 * @param hnswBeamWidth HNSW construction beam width
 * @param maxEmbeddedPassages embed only the first this many passages of each document (0 = all);
 *     BM25 always indexes the whole text
 * @param titleInPassageVector whether the title is prepended to each passage before embedding
 */
public record IndexSettings(
    float bm25K1,
    float bm25B,
    ChunkerConfig chunking,
    boolean vectors,
    VectorFormat vectorFormat,
    int hnswM,
    int hnswBeamWidth,
    int maxEmbeddedPassages,
    boolean titleInPassageVector) {

  /** Anserini's BEIR setting; see the README for the sweep that kept it. */
  public static final float DEFAULT_BM25_K1 = 0.9f;

  public static final float DEFAULT_BM25_B = 0.4f;
  public static final int DEFAULT_HNSW_M = 16;
  public static final int DEFAULT_HNSW_BEAM_WIDTH = 100;

  public static final IndexSettings DEFAULT = new IndexSettings(DEFAULT_BM25_K1, DEFAULT_BM25_B,
      ChunkerConfig.DEFAULT, true, VectorFormat.FLOAT32, DEFAULT_HNSW_M, DEFAULT_HNSW_BEAM_WIDTH, 0, true);

  public IndexSettings {
    if (!(bm25K1 >= 0 && bm25K1 <= 10)) {
      throw new IllegalArgumentException("illegal bm25 k1: " + bm25K1 + ", must be in 0..10");
    }
    if (!(bm25B >= 0 && bm25B <= 1)) {
      throw new IllegalArgumentException("illegal bm25 b: " + bm25B + ", must be in 0..1");
    }
    if (hnswM < 2 || hnswM > 512) {
      throw new IllegalArgumentException("illegal hnsw m: " + hnswM + ", must be in 2..512");
    }
    if (hnswBeamWidth < 1 || hnswBeamWidth > 3200) {
      throw new IllegalArgumentException("illegal hnsw beam width: " + hnswBeamWidth + ", must be in 1..3200");
    }
    if (maxEmbeddedPassages < 0) {
      throw new IllegalArgumentException("illegal max embedded passages: " + maxEmbeddedPassages + ", must be >= 0 (0 = all)");
    }
  }

  /** Copy with other BM25 parameters (they apply at search time; no re-index needed). */
  public IndexSettings withBm25(float k1, float b) {
    return new IndexSettings(k1, b, chunking, vectors, vectorFormat, hnswM, hnswBeamWidth,
        maxEmbeddedPassages, titleInPassageVector);
  }

  /**
   * A string that changes whenever the on-disk index would differ: used to decide whether an
   * existing index can be reused. BM25 parameters are left out because they only apply at search
   * time.
   */
  public String fingerprint() {
    return "chunk=" + chunking.maxWords() + "/" + chunking.overlapWords()
        + ";vectors=" + vectors + ";format=" + vectorFormat.wireName()
        + ";hnsw=" + hnswM + "/" + hnswBeamWidth
        + ";embedPassages=" + maxEmbeddedPassages + ";title=" + titleInPassageVector;
  }
}
