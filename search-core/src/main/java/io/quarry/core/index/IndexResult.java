package io.quarry.core.index;

/**
 * What one {@link Indexer#index} call did.
 *
 * @param indexed documents written (new or changed)
 * @param unchanged documents skipped because the index already held the same content
 * @param passages passages written
 * @param embedded passages embedded (cache hits included)
 * @param embedNanos time spent in the passage encoder
 * @param listenerNanos time spent telling the listener (the knowledge graph's extraction)
 * @param writeNanos time spent writing to Lucene (commits not included)
 * @param sequence write sequence number, for {@link QuarryIndex#awaitVisible(long)}; -1 if nothing was written
 */
public record IndexResult(
    int indexed, int unchanged, int passages, int embedded, long embedNanos, long listenerNanos,
    long writeNanos, long sequence) {

  public static final IndexResult EMPTY = new IndexResult(0, 0, 0, 0, 0, 0, 0, -1);

  /** Sum of two results; the later sequence wins. */
  public IndexResult plus(IndexResult o) {
    return new IndexResult(indexed + o.indexed, unchanged + o.unchanged, passages + o.passages,
        embedded + o.embedded, embedNanos + o.embedNanos, listenerNanos + o.listenerNanos,
        writeNanos + o.writeNanos, Math.max(sequence, o.sequence));
  }

  /** The same result with {@code nanos} more of writing (the commit that followed it). */
  public IndexResult plusWriteNanos(long nanos) {
    return new IndexResult(indexed, unchanged, passages, embedded, embedNanos, listenerNanos, writeNanos + nanos,
        sequence);
  }
}
