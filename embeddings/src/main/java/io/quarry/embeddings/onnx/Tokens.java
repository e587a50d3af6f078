package io.quarry.embeddings.onnx;

/**
 * One tokenized text (or text pair), special tokens included, already truncated to the model's max
 * length.
 *
 * @param ids token ids
 * @param typeIds token type (segment) ids, same length
 * @param truncated whether the text was longer than the max length
 */
public record Tokens(long[] ids, long[] typeIds, boolean truncated) {

  public Tokens {
    if (ids.length == 0 || ids.length != typeIds.length) {
      throw new IllegalArgumentException("illegal tokens: " + ids.length + " ids and "
          + typeIds.length + " type ids, must be equal and non-zero");
    }
  }

  /** Number of tokens. */
  public int length() {
    return ids.length;
  }
}
