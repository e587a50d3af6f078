package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.embeddings.TestTexts;
import io.quarry.embeddings.rerank.OnnxCheckpoints.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A TorchScript cross-encoder loaded through DJL's PyTorch engine: the converted MiniLM checkpoint
 * written as a TorchScript archive ({@link TorchScriptArchive}; libtorch compiles its source on
 * load) must score like the same checkpoint run by the NDArray forward pass.
 */
class TorchScriptModelTest {

  @Test
  void should_score_like_the_safetensors_checkpoint_when_loaded_from_torchscript() throws Exception {
    Path checkpoint = OnnxCheckpoints.checkpoint(Source.MINILM);
    Path file = OnnxCheckpoints.newDirectory("torchscript").resolve("minilm-cross-encoder.pt");
    TorchScriptArchive.write(checkpoint, file);
    TorchScriptArchive.copyTokenizer(checkpoint, file);

    String query = TestTexts.QUERIES.get(3);
    List<String> passages = TestTexts.passages(9, 6, 5);
    float[] expected;
    try (CrossEncoderReranker r = CrossEncoderReranker.open(RerankerConfig.of(checkpoint).withBatch(4, 4096))) {
      expected = r.score(query, passages);
    }
    try (CrossEncoderReranker r = CrossEncoderReranker.open(RerankerConfig.of(file).withBatch(4, 4096))) {
      assertEquals("minilm-cross-encoder", r.modelId());
      assertEquals("cpu", r.device());
      assertEquals(512, r.maxLength());
      float[] actual = r.score(query, passages);
      double worst = 0;
      for (int i = 0; i < expected.length; i++) {
        worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
      }
      System.out.printf(Locale.ROOT, "TorchScript vs safetensors: max abs score diff %.3g%n", worst);
      assertTrue(worst <= 1e-4, "max abs diff " + worst);
    }
  }
}
