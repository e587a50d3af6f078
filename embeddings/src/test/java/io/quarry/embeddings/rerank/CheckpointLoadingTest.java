package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.embeddings.EmbeddingException;
import io.quarry.embeddings.TestTexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What loading accepts and how it fails: every failure names the path and the problem. */
class CheckpointLoadingTest {

  @Test
  void should_load_and_score_when_names_have_no_bert_prefix(@TempDir Path dir) throws Exception {
    TinyCheckpoint c = TinyCheckpoint.bert(8, 2, 1, 5);
    TinyCheckpoint bare = TinyCheckpoint.bert(8, 2, 1, 5);
    bare.tensors.clear();
    c.tensors.forEach((name, t) -> bare.tensors.put(name.replaceFirst("^bert\\.", ""), t));
    float[] prefixed;
    float[] unprefixed;
    try (CrossEncoderReranker a = CrossEncoderReranker.open(RerankerConfig.of(c.writeTo(dir.resolve("a"))));
        CrossEncoderReranker b = CrossEncoderReranker.open(RerankerConfig.of(bare.writeTo(dir.resolve("b"))))) {
      prefixed = a.score("q", List.of("one passage", "another passage"));
      unprefixed = b.score("q", List.of("one passage", "another passage"));
      assertEquals("a", a.modelId());
      assertEquals("cpu", a.device());
    }
    assertEquals(prefixed[0], unprefixed[0]);
    assertEquals(prefixed[1], unprefixed[1]);
  }

  @Test
  void should_accept_tf_era_layer_norm_names_when_gamma_and_beta() {
    assertEquals("embeddings.LayerNorm.weight", CrossEncoderWeights.canonicalName("bert.embeddings.LayerNorm.gamma"));
    assertEquals("encoder.layer.3.output.LayerNorm.bias",
        CrossEncoderWeights.canonicalName("roberta.encoder.layer.3.output.LayerNorm.beta"));
    assertEquals("classifier.weight", CrossEncoderWeights.canonicalName("classifier.weight"));
  }

  @Test
  void should_cap_the_max_length_at_the_model_positions_and_truncate_the_passage(@TempDir Path dir) throws Exception {
    // 64 positions: a 512 max length is lowered to 64; a long passage is cut, the query kept
    try (CrossEncoderReranker r = CrossEncoderReranker.open(RerankerConfig.of(TinyCheckpoint.bert(8, 2, 1, 6).writeTo(dir)))) {
      assertEquals(64, r.maxLength());
      float[] s = r.score(TestTexts.QUERIES.get(0), List.of(TestTexts.longText(20), "short"));
      assertEquals(2, s.length);
      assertTrue(Float.isFinite(s[0]) && Float.isFinite(s[1]));
      assertEquals(1, r.truncatedCount());
      // a query longer than the whole budget: only-second truncation is impossible, both sides are cut
      assertEquals(1, r.score(TestTexts.longText(10), List.of("short")).length);
    }
  }

  @Test
  void should_name_the_tensor_when_one_is_missing_or_misshapen(@TempDir Path dir) throws Exception {
    TinyCheckpoint missing = TinyCheckpoint.bert(8, 2, 1, 7);
    missing.tensors.remove("bert.encoder.layer.0.attention.self.key.weight");
    EmbeddingException e = assertThrows(EmbeddingException.class,
        () -> CrossEncoderReranker.open(RerankerConfig.of(missing.writeTo(dir.resolve("missing")))));
    assertTrue(e.getMessage().contains("missing tensor encoder.layer.0.attention.self.key.weight"), e.getMessage());

    TinyCheckpoint misshapen = TinyCheckpoint.bert(8, 2, 1, 7)
        .put("classifier.weight", new long[] {2, 8}, new float[16]);
    e = assertThrows(EmbeddingException.class,
        () -> CrossEncoderReranker.open(RerankerConfig.of(misshapen.writeTo(dir.resolve("misshapen")))));
    assertTrue(e.getMessage().contains("tensor classifier.weight has shape (2, 8), config.json implies (1, 8)"),
        e.getMessage());
  }

  @Test
  void should_say_what_is_missing_when_files_are_absent(@TempDir Path dir) throws Exception {
    EmbeddingException e = assertThrows(EmbeddingException.class,
        () -> CrossEncoderReranker.open(RerankerConfig.of(dir.resolve("nope"))));
    assertTrue(e.getMessage().contains("does not exist; must be a checkpoint directory"), e.getMessage());

    Path noTokenizer = TinyCheckpoint.bert(8, 2, 1, 8).writeTo(dir.resolve("no-tokenizer"));
    Files.delete(noTokenizer.resolve("tokenizer.json"));
    e = assertThrows(EmbeddingException.class, () -> CrossEncoderReranker.open(RerankerConfig.of(noTokenizer)));
    assertTrue(e.getMessage().contains("no tokenizer.json at"), e.getMessage());

    Path noWeights = TinyCheckpoint.bert(8, 2, 1, 8).writeTo(dir.resolve("no-weights"));
    Files.delete(noWeights.resolve("model.safetensors"));
    e = assertThrows(EmbeddingException.class, () -> CrossEncoderReranker.open(RerankerConfig.of(noWeights)));
    assertTrue(e.getMessage().contains("no model.safetensors at"), e.getMessage());

    Path corrupt = TinyCheckpoint.bert(8, 2, 1, 8).writeTo(dir.resolve("corrupt"));
    Files.write(corrupt.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, '{', 'x'});
    e = assertThrows(EmbeddingException.class, () -> CrossEncoderReranker.open(RerankerConfig.of(corrupt)));
    assertTrue(e.getMessage().startsWith("cannot load reranker from " + corrupt), e.getMessage());
  }

  @Test
  void should_fail_clearly_when_a_gpu_is_required_and_none_is_visible(@TempDir Path dir) throws Exception {
    Path model = TinyCheckpoint.bert(8, 2, 1, 9).writeTo(dir);
    EmbeddingException e = assertThrows(EmbeddingException.class,
        () -> CrossEncoderReranker.open(RerankerConfig.of(model).withDevice(RerankDevice.GPU)));
    assertTrue(e.getMessage().contains("illegal device: gpu, but the PyTorch engine sees no GPU"), e.getMessage());
  }
}
