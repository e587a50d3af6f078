package io.quarry.embeddings.rerank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.embeddings.rerank.Safetensors.F32;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Small BERT-family checkpoints with seeded random weights, for the tests that need a model of an
 * exact shape (head arithmetic, loading errors, RoBERTa positions). The vocabulary is MiniLM's, so
 * its real {@code tokenizer.json} drives them. Test fixture.
 */
final class TinyCheckpoint {

  static final int VOCAB = 30522;

  final ObjectNode config;
  final Map<String, F32> tensors = new LinkedHashMap<>();

  private TinyCheckpoint(ObjectNode config) {
    this.config = config;
  }

  /** A BERT sequence classifier: {@code hidden} wide, one layer, {@code heads} heads. */
  static TinyCheckpoint bert(int hidden, int heads, int numLabels, long seed) {
    ObjectNode c = new ObjectMapper().createObjectNode();
    c.putArray("architectures").add("BertForSequenceClassification");
    c.put("model_type", "bert");
    c.put("vocab_size", VOCAB);
    c.put("hidden_size", hidden);
    c.put("num_hidden_layers", 1);
    c.put("num_attention_heads", heads);
    c.put("intermediate_size", 2 * hidden);
    c.put("hidden_act", "gelu");
    c.put("max_position_embeddings", 64);
    c.put("type_vocab_size", 2);
    c.put("layer_norm_eps", 1e-12);
    ObjectNode labels = c.putObject("id2label");
    for (int i = 0; i < numLabels; i++) {
      labels.put(Integer.toString(i), "LABEL_" + i);
    }
    TinyCheckpoint t = new TinyCheckpoint(c);
    Random r = new Random(seed);
    int h = hidden;
    t.put("bert.embeddings.word_embeddings.weight", r, VOCAB, h);
    t.put("bert.embeddings.position_embeddings.weight", r, 64, h);
    t.put("bert.embeddings.token_type_embeddings.weight", r, 2, h);
    t.put("bert.embeddings.LayerNorm.weight", r, h);
    t.put("bert.embeddings.LayerNorm.bias", r, h);
    String p = "bert.encoder.layer.0.";
    for (String name : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
        "attention.output.dense"}) {
      t.put(p + name + ".weight", r, h, h);
      t.put(p + name + ".bias", r, h);
    }
    t.put(p + "attention.output.LayerNorm.weight", r, h);
    t.put(p + "attention.output.LayerNorm.bias", r, h);
    t.put(p + "intermediate.dense.weight", r, 2L * h, h);
    t.put(p + "intermediate.dense.bias", r, 2L * h);
    t.put(p + "output.dense.weight", r, h, 2L * h);
    t.put(p + "output.dense.bias", r, h);
    t.put(p + "output.LayerNorm.weight", r, h);
    t.put(p + "output.LayerNorm.bias", r, h);
    t.put("bert.pooler.dense.weight", r, h, h);
    t.put("bert.pooler.dense.bias", r, h);
    t.put("classifier.weight", r, numLabels, h);
    t.put("classifier.bias", r, numLabels);
    return t;
  }

  TinyCheckpoint put(String name, long[] shape, float... values) {
    tensors.put(name, new F32(shape, values));
    return this;
  }

  private void put(String name, Random r, long... shape) {
    tensors.put(name, OnnxCheckpoints.gaussian(r, 0.5f, shape));
  }

  /** Writes the three files into {@code dir} (created if needed). */
  Path writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Safetensors.write(dir.resolve(SafetensorsModel.WEIGHTS_FILE), tensors);
    new ObjectMapper().writeValue(dir.resolve(SafetensorsModel.CONFIG_FILE).toFile(), config);
    Files.write(dir.resolve(CrossEncoderReranker.TOKENIZER_FILE),
        OnnxCheckpoints.Source.MINILM.tokenizerBytes());
    return dir;
  }
}
