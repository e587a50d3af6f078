package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.embeddings.rerank.CrossEncoderConfig.Family;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CrossEncoderConfigTest {

  /** ms-marco-MiniLM-L-6-v2's config.json, trimmed to what matters. */
  private static ObjectNode msMarco() {
    ObjectNode c = new ObjectMapper().createObjectNode();
    c.putArray("architectures").add("BertForSequenceClassification");
    c.put("model_type", "bert");
    c.put("vocab_size", 30522);
    c.put("hidden_size", 384);
    c.put("num_hidden_layers", 6);
    c.put("num_attention_heads", 12);
    c.put("intermediate_size", 1536);
    c.put("hidden_act", "gelu");
    c.put("max_position_embeddings", 512);
    c.put("type_vocab_size", 2);
    c.put("layer_norm_eps", 1e-12);
    c.putObject("id2label").put("0", "LABEL_0");
    return c;
  }

  private static ObjectNode with(Consumer<ObjectNode> change) {
    ObjectNode c = msMarco();
    change.accept(c);
    return c;
  }

  @Test
  void should_read_every_hyper_parameter_when_config_is_a_bert_classifier() {
    CrossEncoderConfig c = CrossEncoderConfig.parse(msMarco());
    assertEquals(new CrossEncoderConfig(Family.BERT, 30522, 384, 6, 12, 1536, 1e-12f, "gelu", 512, 2, 1, 0), c);
    assertEquals(32, c.headSize());
    assertEquals(512, c.maxTokens());
  }

  @Test
  void should_read_roberta_layout_when_config_is_xlm_roberta() {
    // bge-reranker-base: XLM-RoBERTa, 514 positions of which 2 are reserved, one token type
    CrossEncoderConfig c = CrossEncoderConfig.parse(with(n -> {
      n.putArray("architectures").add("XLMRobertaForSequenceClassification");
      n.put("model_type", "xlm-roberta");
      n.put("max_position_embeddings", 514);
      n.put("type_vocab_size", 1);
      n.put("pad_token_id", 1);
      n.put("layer_norm_eps", 1e-5);
    }));
    assertEquals(Family.ROBERTA, c.family());
    assertEquals(512, c.maxTokens());
    assertEquals(1, c.padTokenId());
  }

  @Test
  void should_take_num_labels_from_id2label_and_fall_back_to_num_labels() {
    assertEquals(2, CrossEncoderConfig.parse(with(n -> n.putObject("id2label").put("0", "no").put("1", "yes"))).numLabels());
    assertEquals(1, CrossEncoderConfig.parse(with(n -> {
      n.remove("id2label");
      n.put("num_labels", 1);
    })).numLabels());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "architectures=GPT2LMHeadModel | unsupported architecture: architectures [GPT2LMHeadModel]",
      "architectures=BertModel | unsupported architecture: architectures [BertModel]",
      "hidden_act=silu | unsupported hidden_act: silu",
      "position_embedding_type=relative_key | unsupported position_embedding_type: relative_key",
      "num_attention_heads=5 | illegal num_attention_heads: 5, must divide hidden_size 384",
      "hidden_size=0 | illegal hidden_size: 0",
      "labels=3 | unsupported num_labels: 3, must be 1",
      "vocab_size= | missing or non-integer vocab_size",
  })
  void should_name_the_field_when_config_is_unsupported(String change, String message) {
    String field = change.substring(0, change.indexOf('='));
    String value = change.substring(change.indexOf('=') + 1);
    ObjectNode c = with(n -> {
      switch (field) {
        case "architectures" -> n.putArray("architectures").add(value);
        case "labels" -> n.putObject("id2label").put("0", "a").put("1", "b").put("2", "c");
        case "hidden_act", "position_embedding_type" -> n.put(field, value);
        default -> {
          if (value.isEmpty()) {
            n.remove(field);
          } else {
            n.put(field, Integer.parseInt(value));
          }
        }
      }
    });
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossEncoderConfig.parse(c));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
