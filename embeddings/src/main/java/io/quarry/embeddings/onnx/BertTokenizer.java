package io.quarry.embeddings.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A HuggingFace {@code tokenizer.json} tokenizer (DJL's Rust binding) set to add special tokens,
 * truncate at the model's max length and never pad (padding is done per batch). Counts the texts it
 * truncated.
 *
 * <p>Thread-safe: the native tokenizer is immutable once configured. Cost: tens of microseconds per
 * short text, a small fraction of inference.
 */
public final class BertTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;
  private final long padId;
  private final AtomicLong truncated = new AtomicLong();

  BertTokenizer(byte[] tokenizerJson, int maxLength) throws IOException {
    String max = Integer.toString(maxLength);
    // tokenizer.json's own truncation/padding (MiniLM's says truncate and pad to 128) are
    // replaced: truncate at maxLength, pad never. modelMaxLength keeps DJL from capping at 512.
    this.tokenizer = HuggingFaceTokenizer.newInstance(
        new ByteArrayInputStream(tokenizerJson),
        Map.of(
            "addSpecialTokens", "true",
            "truncation", "true",
            "padding", "false",
            "maxLength", max,
            "modelMaxLength", max));
    this.padId = padId(tokenizerJson);
  }

  Tokens encode(String text) {
    return toTokens(tokenizer.encode(text));
  }

  Tokens[] encodeAll(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    Tokens[] out = new Tokens[encodings.length];
    for (int i = 0; i < encodings.length; i++) {
      out[i] = toTokens(encodings[i]);
    }
    return out;
  }

  /** Id written into padded positions (attention mask 0 there). */
  long padId() {
    return padId;
  }

  /** Texts truncated at the max length since this tokenizer was created. */
  long truncatedCount() {
    return truncated.get();
  }

  private Tokens toTokens(Encoding e) {
    if (e.exceedMaxLength()) {
      truncated.incrementAndGet();
    }
    return new Tokens(e.getIds(), e.getTypeIds(), e.exceedMaxLength());
  }

  /**
   * The pad id: tokenizer.json's padding.pad_id when it declares padding, else the vocabulary id of
   * "[PAD]" (BERT) or "&lt;pad&gt;", else 0. Which id pads barely matters under a zero attention
   * mask, but an int8 model's dynamic activation scales see padded positions too, so use the real
   * one.
   */
  public static long padId(byte[] tokenizerJson) throws IOException {
    JsonNode root = new ObjectMapper().readTree(tokenizerJson);
    JsonNode padding = root.path("padding");
    if (padding.has("pad_id")) {
      return padding.get("pad_id").asLong();
    }
    JsonNode vocab = root.path("model").path("vocab");
    for (String token : List.of("[PAD]", "<pad>")) {
      if (vocab.has(token)) {
        return vocab.get(token).asLong();
      }
    }
    return 0;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
