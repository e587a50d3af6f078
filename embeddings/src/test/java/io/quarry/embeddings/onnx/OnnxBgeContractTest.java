package io.quarry.embeddings.onnx;

import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.TestModels;
import io.quarry.embeddings.TextEncoderContractTest;

class OnnxBgeContractTest extends TextEncoderContractTest {

  @Override
  protected TextEncoder createEncoder() {
    return TestModels.bge();
  }

  @Override
  protected double minBatchCosine() {
    return LangchainParityTest.BGE_MIN_BATCH_COSINE;
  }
}
