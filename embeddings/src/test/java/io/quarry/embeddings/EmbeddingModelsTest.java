package io.quarry.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.onnx.OnnxBertEncoder;
import io.quarry.embeddings.onnx.OnnxEncoderConfig;
import io.quarry.embeddings.onnx.Pooling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingModelsTest {

  @TempDir Path dir;

  @Test
  void should_list_the_accepted_ids_when_the_id_is_unknown() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddingModels.create("bge-large"));
    assertEquals("illegal embedding model: 'bge-large', must be one of bge-small-en-v1.5-q, all-minilm-l6-v2-q, "
        + "onnx-dir:<path>, ollama:<model>", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EmbeddingModels.create("ollama:"));
    assertThrows(IllegalArgumentException.class, () -> EmbeddingModels.create(null));
  }

  @Test
  void should_describe_the_bundled_models_when_asked_for_their_specs() {
    assertEquals(Pooling.CLS, EmbeddingModels.bgeSmallEnV15Q().pooling());
    assertEquals("Represent this sentence for searching relevant passages: ", EmbeddingModels.bgeSmallEnV15Q().queryPrefix());
    assertEquals(512, EmbeddingModels.bgeSmallEnV15Q().maxLength());
    assertEquals(Pooling.MEAN, EmbeddingModels.allMiniLmL6V2Q().pooling());
    assertEquals("", EmbeddingModels.allMiniLmL6V2Q().queryPrefix());
    assertEquals(256, EmbeddingModels.allMiniLmL6V2Q().maxLength());
  }

  @Test
  void should_load_the_bundled_models_when_named() {
    for (String id : List.of(EmbeddingModels.BGE_SMALL_EN_V15_Q, EmbeddingModels.ALL_MINILM_L6_V2_Q)) {
      try (TextEncoder enc = EmbeddingModels.create(id, EncoderSettings.defaults().withOnnx(new OnnxEncoderConfig(1, 1, 4, 2048)))) {
        assertEquals(id, enc.modelId());
        assertEquals(384, enc.dimension());
        assertTrue(enc instanceof OnnxBertEncoder);
      }
    }
  }

  @Test
  void should_match_the_bundled_model_when_the_same_files_are_loaded_from_a_directory() throws IOException {
    copyResource("all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx"));
    copyResource("all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
    EncoderSettings settings = EncoderSettings.defaults().withLocalModel(Pooling.MEAN, "", 256);
    try (TextEncoder local = EmbeddingModels.create("onnx-dir:" + dir, settings)) {
      assertEquals("onnx-dir:" + dir.toAbsolutePath().normalize() + ";pooling=mean;max-length=256", local.modelId());
      List<String> texts = TestTexts.passages(6, 4, 1);
      List<float[]> expected = TestModels.minilm().encodePassages(texts);
      List<float[]> got = local.encodePassages(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(expected.get(i), got.get(i), 1e-6f);
      }
    }
  }

  @Test
  void should_name_the_missing_file_when_a_model_directory_is_incomplete() throws IOException {
    copyResource("all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
    EmbeddingException e = assertThrows(EmbeddingException.class, () -> EmbeddingModels.create("onnx-dir:" + dir));
    assertTrue(e.getMessage().contains("has no model.onnx"), e.getMessage());
  }

  private static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in = EmbeddingModelsTest.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
  }
}
