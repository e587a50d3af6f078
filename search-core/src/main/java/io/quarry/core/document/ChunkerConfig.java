package io.quarry.core.document;

/**
 * How documents are split into passages.
 *
 * @param maxWords most words in a passage (a single longer sentence is split on words)
 * @param overlapWords words of the previous passage repeated at the start of the next one,
 *     rounded to whole sentences; must be less than half of {@code maxWords}
 */
public record ChunkerConfig(int maxWords, int overlapWords) {

  /**
   * 200 words: bge-small reads at most 512 word pieces, and 200 English words of news or science
   * text tokenize to about 260-320 pieces, so a passage plus its title fits without truncation.
   */
  public static final int DEFAULT_MAX_WORDS = 200;

  /** About two sentences of context carried into the next passage. */
  public static final int DEFAULT_OVERLAP_WORDS = 40;

  public static final ChunkerConfig DEFAULT =
      new ChunkerConfig(DEFAULT_MAX_WORDS, DEFAULT_OVERLAP_WORDS);

  public ChunkerConfig {
    if (maxWords < 8 || maxWords > 10_000) {
      throw new IllegalArgumentException("illegal maxWords: " + maxWords + ", must be in 8..10000");
    }
    if (overlapWords < 0 || overlapWords * 2 >= maxWords) {
      throw new IllegalArgumentException("illegal overlapWords: " + overlapWords
          + ", must be in 0.." + ((maxWords - 1) / 2) + " (less than half of maxWords " + maxWords + ")");
    }
  }
}
