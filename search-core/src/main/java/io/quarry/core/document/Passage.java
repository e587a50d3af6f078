package io.quarry.core.document;

/**
 * A contiguous piece of a document's text: the unit that is embedded and returned as a hit's
 * best passage.
 *
 * @param ordinal 0-based position among the document's passages
 * @param start offset of the first character in the document text
 * @param end offset after the last character in the document text
 * @param text the passage text, {@code documentText.substring(start, end)}
 */
public record Passage(int ordinal, int start, int end, String text) {
  public Passage {
    if (ordinal < 0 || start < 0 || end < start) {
      throw new IllegalArgumentException(
          "illegal passage: ordinal " + ordinal + ", span " + start + ".." + end);
    }
  }
}
