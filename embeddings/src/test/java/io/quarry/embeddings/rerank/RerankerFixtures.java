package io.quarry.embeddings.rerank;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Public entry to the reranker test fixtures, for other modules' end-to-end tests (the server's
 * API tests): a real cross-encoder checkpoint directory, all-MiniLM-L6-v2's encoder converted
 * from its ONNX export with a seeded classification head. Its scores are deterministic but carry
 * no relevance signal (no trained cross-encoder can be downloaded here). Test fixture.
 */
public final class RerankerFixtures {

  private RerankerFixtures() {}

  /** The checkpoint directory ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}). */
  public static Path miniLmCrossEncoder() {
    return OnnxCheckpoints.checkpoint(OnnxCheckpoints.Source.MINILM);
  }

  /**
   * A small BERT cross-encoder checkpoint written into {@code dir}: one layer, hidden size 16,
   * seeded random weights (about 2 MB of safetensors, most of it the word embeddings) and MiniLM's
   * {@code tokenizer.json}. Loads and scores like a real one, for tests that move checkpoints
   * around (downloads) rather than measure them.
   */
  public static Path tinyBert(Path dir, long seed) throws IOException {
    return TinyCheckpoint.bert(16, 2, 1, seed).writeTo(dir);
  }
}
