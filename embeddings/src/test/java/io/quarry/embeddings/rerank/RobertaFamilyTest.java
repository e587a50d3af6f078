package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.embeddings.TestTexts;
import io.quarry.embeddings.onnx.Tokens;
import io.quarry.embeddings.rerank.OnnxCheckpoints.Source;
import io.quarry.embeddings.rerank.Safetensors.F32;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RoBERTa-family checkpoints (XLMRobertaForSequenceClassification, e.g. bge-reranker-base). No
 * such weights can be downloaded here, so the family is checked two ways: its position ids by hand,
 * and by equivalence: a BERT checkpoint rewritten in RoBERTa's layout ({@code roberta.} names,
 * positions shifted by {@code pad_token_id + 1}, one token type, the pooler and classifier renamed
 * to {@code classifier.dense} / {@code classifier.out_proj}) must score exactly like the BERT one
 * fed token type 0, since the arithmetic is the same.
 */
class RobertaFamilyTest {

  private static final int PAD = 1;

  @Test
  void should_count_positions_after_the_padding_index_when_roberta() throws Exception {
    Path dir = OnnxCheckpoints.newDirectory("roberta-tiny");
    TinyCheckpoint bert = TinyCheckpoint.bert(4, 2, 1, 3);
    robertaOf(bert.tensors, bert.config, dir);
    try (SafetensorsModel model = SafetensorsModel.load(dir, Device.cpu());
        NDManager m = model.manager().newSubManager()) {
      assertEquals(CrossEncoderConfig.Family.ROBERTA, model.config().family());
      long[] mask = {1, 1, 1, 0, 1, 1, 0, 0};
      long[] positions = model.forward().positionIds(m.create(mask, new ai.djl.ndarray.types.Shape(2, 4))).toLongArray();
      // HF create_position_ids_from_input_ids: cumsum(mask) * mask + padding_idx
      assertArrayEquals(new long[] {2, 3, 4, 1, 2, 3, 1, 1}, positions);
      assertEquals(64, model.maxTokens(), "66 positions less the 2 reserved ones");
    }
  }

  @Test
  void should_score_like_the_equivalent_bert_checkpoint_when_written_in_roberta_layout() throws Exception {
    Path bertDir = OnnxCheckpoints.checkpoint(Source.MINILM);
    Path dir = OnnxCheckpoints.newDirectory("roberta-minilm");
    ObjectNode bertConfig = (ObjectNode) new ObjectMapper().readTree(bertDir.resolve("config.json").toFile());
    robertaOf(Safetensors.read(bertDir.resolve(SafetensorsModel.WEIGHTS_FILE)), bertConfig, dir);

    String query = TestTexts.QUERIES.get(2);
    List<String> passages = TestTexts.passages(7, 5, 11);
    float[] roberta;
    try (CrossEncoderReranker r = CrossEncoderReranker.open(RerankerConfig.of(dir).withBatch(4, 4096))) {
      assertEquals(512, r.maxLength());
      roberta = r.score(query, passages);
    }
    float[] bert = new float[passages.size()];
    try (SafetensorsModel model = SafetensorsModel.load(bertDir, Device.cpu());
        PairTokenizer tokenizer = new PairTokenizer(Files.readAllBytes(dir.resolve("tokenizer.json")), 512)) {
      Tokens[] tokens = tokenizer.encode(query, passages);
      // one padded batch: the BERT side also runs padded rows
      PaddedBatch b = PaddedBatch.of(Arrays.asList(tokens), tokenizer.padId()).withZeroTypes();
      try (NDManager m = model.manager().newSubManager()) {
        bert = model.forward().scores(b.ids(m), b.mask(m), b.types(m)).toFloatArray();
      }
    }
    double worst = 0;
    for (int i = 0; i < bert.length; i++) {
      worst = Math.max(worst, Math.abs(bert[i] - roberta[i]));
    }
    System.out.printf(Locale.ROOT, "RoBERTa layout vs BERT: max abs score diff %.3g%n", worst);
    assertTrue(worst <= 1e-5, "max abs diff " + worst);
  }

  /** Rewrites BERT tensors and config in XLM-RoBERTa's layout into {@code dir}. */
  static void robertaOf(Map<String, F32> bert, ObjectNode config, Path dir) throws Exception {
    Map<String, F32> out = new LinkedHashMap<>();
    for (Map.Entry<String, F32> e : bert.entrySet()) {
      String name = e.getKey();
      F32 t = e.getValue();
      switch (name) {
        case "bert.embeddings.position_embeddings.weight" -> {
          long rows = t.shape()[0];
          long hidden = t.shape()[1];
          float[] shifted = new float[Math.toIntExact((rows + PAD + 1) * hidden)];
          // rows 0..PAD are reserved (the padding position and below); they get arbitrary values
          Arrays.fill(shifted, 0, (int) ((PAD + 1) * hidden), 9f);
          System.arraycopy(t.values(), 0, shifted, (int) ((PAD + 1) * hidden), t.values().length);
          out.put("roberta.embeddings.position_embeddings.weight", new F32(new long[] {rows + PAD + 1, hidden}, shifted));
        }
        case "bert.embeddings.token_type_embeddings.weight" -> out.put("roberta.embeddings.token_type_embeddings.weight",
            new F32(new long[] {1, t.shape()[1]}, Arrays.copyOf(t.values(), (int) t.shape()[1])));
        case "bert.pooler.dense.weight" -> out.put("classifier.dense.weight", t);
        case "bert.pooler.dense.bias" -> out.put("classifier.dense.bias", t);
        case "classifier.weight" -> out.put("classifier.out_proj.weight", t);
        case "classifier.bias" -> out.put("classifier.out_proj.bias", t);
        default -> out.put("roberta." + name.substring("bert.".length()), t);
      }
    }
    ObjectNode c = config.deepCopy();
    c.putArray("architectures").add("XLMRobertaForSequenceClassification");
    c.put("model_type", "xlm-roberta");
    c.put("max_position_embeddings", c.get("max_position_embeddings").asInt() + PAD + 1);
    c.put("type_vocab_size", 1);
    c.put("pad_token_id", PAD);
    Files.createDirectories(dir);
    Safetensors.write(dir.resolve(SafetensorsModel.WEIGHTS_FILE), out);
    new ObjectMapper().writeValue(dir.resolve(SafetensorsModel.CONFIG_FILE).toFile(), c);
    Files.write(dir.resolve(CrossEncoderReranker.TOKENIZER_FILE), Source.MINILM.tokenizerBytes());
  }
}
