package io.quarry.embeddings.onnx;

import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.TestModels;
import io.quarry.embeddings.TextEncoderContractTest;

class OnnxMiniLmContractTest extends TextEncoderContractTest {

  @Override
  protected TextEncoder createEncoder() {
    return TestModels.minilm();
  }

  @Override
  protected double minBatchCosine() {
    return LangchainParityTest.MINILM_MIN_BATCH_COSINE;
  }
}
