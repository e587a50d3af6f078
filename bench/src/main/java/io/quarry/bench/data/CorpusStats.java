package io.quarry.bench.data;

/**
 * What one pass over a corpus file found.
 *
 * @param documents documents handed on (well-formed, with a title or a text)
 * @param skippedEmpty documents skipped because title and text were both empty
 * @param undated documents handed on without a publish date
 */
public record CorpusStats(long documents, long skippedEmpty, long undated) {

  public CorpusStats {
    if (documents < 0 || skippedEmpty < 0 || undated < 0 || undated > documents) {
      throw new IllegalArgumentException("illegal corpus stats: documents=" + documents
          + ", skippedEmpty=" + skippedEmpty + ", undated=" + undated
          + "; counts must be >= 0 and undated <= documents");
    }
  }

  /** Documents with a publish date. */
  public long dated() {
    return documents - undated;
  }
}
