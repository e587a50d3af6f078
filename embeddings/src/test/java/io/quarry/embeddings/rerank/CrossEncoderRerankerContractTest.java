package io.quarry.embeddings.rerank;

import io.quarry.core.spi.Reranker;
import io.quarry.embeddings.RerankerContractTest;
import io.quarry.embeddings.rerank.OnnxCheckpoints.Source;

/**
 * The SPI contract on a MiniLM-L6 size cross-encoder (real all-MiniLM-L6-v2 encoder weights and a
 * seeded random head), in batches of at most 4 pairs so that a call spans many batches.
 */
class CrossEncoderRerankerContractTest extends RerankerContractTest {

  @Override
  protected Reranker createReranker() {
    return CrossEncoderReranker.open(RerankerConfig.of(OnnxCheckpoints.checkpoint(Source.MINILM)).withBatch(4, 2048));
  }
}
