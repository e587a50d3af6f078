package io.quarry.embeddings.rerank;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import io.quarry.embeddings.onnx.BertTokenizer;
import io.quarry.embeddings.onnx.Tokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokenizes (query, passage) pairs with a Hugging Face {@code tokenizer.json} (DJL's Rust
 * binding): the tokenizer's own pair template ({@code [CLS] q [SEP] p [SEP]}, token types 0 then
 * 1; {@code <s> q </s></s> p </s>} for RoBERTa), truncating only the passage so the pair fits
 * {@code maxLength}. A query too long to leave room for any passage is the one case where the
 * query is cut too (longest-first), so every pair still scores. Which strategy applies is decided
 * here, before encoding, from the query's own length: the Rust tokenizer does not report an
 * impossible only-second truncation as an error, it panics and aborts the whole JVM. Never pads:
 * batches are padded when they are built.
 *
 * <p>Thread-safe: the native tokenizers are immutable once configured. Cost: tens of microseconds
 * per pair, a small fraction of inference.
 */
final class PairTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer passageSide;
  private final HuggingFaceTokenizer bothSides;
  private final long padId;
  private final int maxLength;
  /** Special tokens the pair template adds: 3 for BERT ([CLS] [SEP] [SEP]), 4 for RoBERTa. */
  private final int pairSpecials;
  private final AtomicLong truncated = new AtomicLong();

  PairTokenizer(byte[] tokenizerJson, int maxLength) throws IOException {
    this.maxLength = maxLength;
    this.passageSide = newTokenizer(tokenizerJson, maxLength, "only_second");
    try {
      this.bothSides = newTokenizer(tokenizerJson, maxLength, "longest_first");
    } catch (IOException | RuntimeException e) {
      passageSide.close();
      throw e;
    }
    this.padId = BertTokenizer.padId(tokenizerJson);
    this.pairSpecials = bothSides.encode("hello", "world").getIds().length
        - length("hello") - length("world");
  }

  private int length(String text) {
    return bothSides.encode(text, false, false).getIds().length;
  }

  private static HuggingFaceTokenizer newTokenizer(byte[] json, int maxLength, String truncation)
      throws IOException {
    String max = Integer.toString(maxLength);
    // tokenizer.json's own truncation/padding settings are replaced; modelMaxLength keeps DJL from
    // capping at its own default.
    return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), Map.of(
        "addSpecialTokens", "true",
        "truncation", truncation,
        "padding", "false",
        "maxLength", max,
        "modelMaxLength", max));
  }

  /** Encodes every (query, passage) pair, in input order, counting truncated pairs. */
  Tokens[] encode(String query, List<String> passages) {
    return encode(query, passages, true);
  }

  /** Encodes every pair; {@code count} false keeps warm-up pairs out of {@link #truncatedCount()}. */
  Tokens[] encode(String query, List<String> passages, boolean count) {
    PairList<String, String> pairs = new PairList<>(passages.size());
    for (String p : passages) {
      pairs.add(query, p);
    }
    // only-second truncation needs the query and the special tokens to leave at least one passage
    // token (a margin of one more guards against a query that tokenizes differently in the pair)
    boolean queryFits = length(query) + pairSpecials + 2 <= maxLength;
    Encoding[] encodings = (queryFits ? passageSide : bothSides).batchEncode(pairs);
    Tokens[] out = new Tokens[encodings.length];
    for (int i = 0; i < encodings.length; i++) {
      Encoding e = encodings[i];
      if (count && e.exceedMaxLength()) {
        truncated.incrementAndGet();
      }
      out[i] = new Tokens(e.getIds(), e.getTypeIds(), e.exceedMaxLength());
    }
    return out;
  }

  /** Id written into padded positions (attention mask 0 there). */
  long padId() {
    return padId;
  }

  /** Tokens per pair, special tokens included. */
  int maxLength() {
    return maxLength;
  }

  /** Pairs truncated since this tokenizer was created. */
  long truncatedCount() {
    return truncated.get();
  }

  @Override
  public void close() {
    try {
      passageSide.close();
    } finally {
      bothSides.close();
    }
  }
}
