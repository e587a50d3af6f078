package io.quarry.core.search.leg;

import io.quarry.core.index.Fields;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.util.BitSet;

/** Resolves Lucene doc ids of one snapshot to external ids and passage ordinals via doc values. */
public final class DocKeys {

  private DocKeys() {}

  /** External ids of parent docs, in input order. */
  public static String[] ids(IndexSearcher searcher, int[] parents) throws IOException {
    String[] out = new String[parents.length];
    Integer[] order = sortedOrder(parents);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    SortedDocValues values = null;
    int leafIndex = -1;
    for (int i : order) {
      int doc = parents[i];
      int li = ReaderUtil.subIndex(doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        values = leaves.get(li).reader().getSortedDocValues(Fields.DOC_KEY);
      }
      int local = doc - leaves.get(li).docBase;
      if (values == null || !values.advanceExact(local)) {
        throw new IllegalStateException("doc " + doc + " is not a document parent");
      }
      out[i] = values.lookupOrd(values.ordValue()).utf8ToString();
    }
    return out;
  }

  /** The parent doc of each child doc, in input order. */
  public static int[] parentsOf(IndexSearcher searcher, BitSetProducer parents, int[] children)
      throws IOException {
    int[] out = new int[children.length];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int i = 0; i < children.length; i++) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(children[i], leaves));
      BitSet bits = parents.getBitSet(leaf);
      out[i] = leaf.docBase + bits.nextSetBit(children[i] - leaf.docBase);
    }
    return out;
  }

  /** Passage ordinals of child docs, in input order. */
  public static int[] ordinals(IndexSearcher searcher, int[] children) throws IOException {
    int[] out = new int[children.length];
    Integer[] order = sortedOrder(children);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    NumericDocValues values = null;
    int leafIndex = -1;
    for (int i : order) {
      int li = ReaderUtil.subIndex(children[i], leaves);
      if (li != leafIndex) {
        leafIndex = li;
        values = leaves.get(li).reader().getNumericDocValues(Fields.PASSAGE_ORD);
      }
      int local = children[i] - leaves.get(li).docBase;
      out[i] = values != null && values.advanceExact(local) ? (int) values.longValue() : 0;
    }
    return out;
  }

  /** Doc-values iterators only move forward: visit docs in increasing order. */
  private static Integer[] sortedOrder(int[] docs) {
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    return order;
  }
}
