package io.quarry.embeddings.cache;

import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.CountingEncoder;
import io.quarry.embeddings.TestModels;
import io.quarry.embeddings.TextEncoderContractTest;
import java.nio.file.Files;
import java.nio.file.Path;

/** The SPI contract for CachingEncoder over the real bge encoder. */
class CachingEncoderContractTest extends TextEncoderContractTest {

  private Path dir;

  @Override
  protected TextEncoder createEncoder() throws Exception {
    dir = Files.createTempDirectory("quarry-caching-contract");
    return CachingEncoder.open(new CountingEncoder(TestModels.bge(), false), dir, 64);
  }

  @Override
  protected double minBatchCosine() {
    return TestModels.BGE_MIN_BATCH_COSINE;
  }

  @Override
  protected void release(TextEncoder encoder) throws Exception {
    encoder.close();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }
}
