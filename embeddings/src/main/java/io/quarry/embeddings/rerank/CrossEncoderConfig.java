package io.quarry.embeddings.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hyper-parameters of a Hugging Face sequence-classification checkpoint, read from its {@code
 * config.json}. Two families share one forward pass:
 *
 * <ul>
 *   <li>{@link Family#BERT} ({@code BertForSequenceClassification}, e.g. ms-marco-MiniLM-L-6-v2):
 *       positions 0..n-1, a pooler (dense + tanh on [CLS]) and a linear classifier;
 *   <li>{@link Family#ROBERTA} ({@code XLMRobertaForSequenceClassification} and {@code
 *       RobertaForSequenceClassification}, e.g. bge-reranker-base): positions counted from {@code
 *       pad_token_id + 1} over the non-pad tokens, and a head of dense + tanh on the first token
 *       followed by a linear {@code out_proj}: the same arithmetic as BERT's pooler + classifier.
 * </ul>
 *
 * Anything else (other architectures, relative position embeddings, unknown activations, more than
 * two labels) is rejected when loading, never approximated.
 *
 * @param family which weight layout and position scheme
 * @param vocabSize rows of the word embedding table
 * @param hiddenSize width of every hidden state
 * @param layers encoder layers
 * @param heads attention heads; divides {@code hiddenSize}
 * @param intermediateSize width of the feed-forward layer
 * @param layerNormEps epsilon of every LayerNorm
 * @param hiddenAct feed-forward activation: {@code gelu}, {@code gelu_new} (tanh approximation,
 *     also spelled {@code gelu_pytorch_tanh}) or {@code relu}
 * @param maxPositions rows of the position embedding table
 * @param typeVocabSize rows of the token-type embedding table
 * @param numLabels classifier outputs, 1 or 2
 * @param padTokenId RoBERTa's padding index (positions start after it); unused for BERT
 */
public record CrossEncoderConfig(
    Family family,
    int vocabSize,
    int hiddenSize,
    int layers,
    int heads,
    int intermediateSize,
    float layerNormEps,
    String hiddenAct,
    int maxPositions,
    int typeVocabSize,
    int numLabels,
    int padTokenId) {

  /** The weight layout and position scheme of a checkpoint. */
  public enum Family {
    BERT,
    ROBERTA
  }

  static final List<String> ACTIVATIONS = List.of("gelu", "gelu_new", "gelu_pytorch_tanh", "relu");

  public CrossEncoderConfig {
    positive("vocab_size", vocabSize);
    positive("hidden_size", hiddenSize);
    positive("num_hidden_layers", layers);
    positive("num_attention_heads", heads);
    positive("intermediate_size", intermediateSize);
    positive("max_position_embeddings", maxPositions);
    positive("type_vocab_size", typeVocabSize);
    if (hiddenSize % heads != 0) {
      throw new IllegalArgumentException("illegal num_attention_heads: " + heads
          + ", must divide hidden_size " + hiddenSize);
    }
    if (!(layerNormEps > 0 && layerNormEps < 1)) {
      throw new IllegalArgumentException("illegal layer_norm_eps: " + layerNormEps + ", must be in (0, 1)");
    }
    if (!ACTIVATIONS.contains(hiddenAct)) {
      throw new IllegalArgumentException("unsupported hidden_act: " + hiddenAct + ", must be one of " + ACTIVATIONS);
    }
    if (numLabels != 1 && numLabels != 2) {
      throw new IllegalArgumentException("unsupported num_labels: " + numLabels
          + ", must be 1 (the score is the logit) or 2 (the score is the logit of label 1)");
    }
    if (padTokenId < 0) {
      throw new IllegalArgumentException("illegal pad_token_id: " + padTokenId + ", must be >= 0");
    }
  }

  /** Width of one attention head. */
  public int headSize() {
    return hiddenSize / heads;
  }

  /**
   * Longest input the position table allows: {@code maxPositions} for BERT, {@code maxPositions -
   * padTokenId - 1} for RoBERTa (whose first positions are reserved).
   */
  public int maxTokens() {
    return family == Family.ROBERTA ? maxPositions - padTokenId - 1 : maxPositions;
  }

  /**
   * Reads and validates {@code config.json}.
   *
   * @throws IOException if the file is missing, is not JSON, or names an unsupported model
   */
  public static CrossEncoderConfig read(Path configJson) throws IOException {
    if (!Files.isRegularFile(configJson)) {
      throw new IOException("no " + configJson.getFileName() + " at " + configJson);
    }
    JsonNode root = new ObjectMapper().readTree(configJson.toFile());
    try {
      return parse(root);
    } catch (IllegalArgumentException e) {
      throw new IOException("unsupported model config " + configJson + ": " + e.getMessage(), e);
    }
  }

  static CrossEncoderConfig parse(JsonNode root) {
    List<String> architectures = new ArrayList<>();
    root.path("architectures").forEach(a -> architectures.add(a.asText()));
    String modelType = root.path("model_type").asText("");
    Family family = family(architectures, modelType);
    String positions = root.path("position_embedding_type").asText("absolute");
    if (!"absolute".equals(positions)) {
      throw new IllegalArgumentException("unsupported position_embedding_type: " + positions + ", must be absolute");
    }
    int numLabels = root.has("id2label") ? root.get("id2label").size() : root.path("num_labels").asInt(2);
    return new CrossEncoderConfig(
        family,
        required(root, "vocab_size"),
        required(root, "hidden_size"),
        required(root, "num_hidden_layers"),
        required(root, "num_attention_heads"),
        required(root, "intermediate_size"),
        (float) root.path("layer_norm_eps").asDouble(1e-12),
        root.path("hidden_act").asText("gelu").toLowerCase(Locale.ROOT),
        required(root, "max_position_embeddings"),
        root.path("type_vocab_size").asInt(2),
        numLabels,
        family == Family.ROBERTA ? root.path("pad_token_id").asInt(1) : root.path("pad_token_id").asInt(0));
  }

  private static Family family(List<String> architectures, String modelType) {
    for (String a : architectures) {
      switch (a) {
        case "BertForSequenceClassification":
          return Family.BERT;
        case "RobertaForSequenceClassification", "XLMRobertaForSequenceClassification":
          return Family.ROBERTA;
        default:
          // keep looking; an unknown one alone fails below
      }
    }
    if (architectures.isEmpty()) {
      switch (modelType) {
        case "bert":
          return Family.BERT;
        case "roberta", "xlm-roberta":
          return Family.ROBERTA;
        default:
          // falls through to the error
      }
    }
    throw new IllegalArgumentException("unsupported architecture: architectures " + architectures
        + ", model_type '" + modelType + "'; supported: BertForSequenceClassification,"
        + " RobertaForSequenceClassification, XLMRobertaForSequenceClassification");
  }

  private static int required(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.canConvertToInt()) {
      throw new IllegalArgumentException("missing or non-integer " + field);
    }
    return n.asInt();
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("illegal " + field + ": " + value + ", must be >= 1");
    }
  }
}
