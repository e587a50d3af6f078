package io.quarry.core.search.leg;

import io.quarry.core.index.Fields;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.util.BitSet;

/**
 * Picks a document's best passage for a query by BM25 over passage text, scoring only that
 * document's own passages (in the block layout they are the Lucene docs just before the parent).
 *
 * <p>Used for hits that BM25 found as whole documents; the vector leg already knows its best
 * passage. One instance serves one request: create it per query and snapshot.
 */
final class PassageSelector {

  private final IndexSearcher searcher;
  private final BitSetProducer parents;
  private final Weight weight; // null when the query has no terms

  PassageSelector(IndexSearcher searcher, BitSetProducer parents, QueryTerms terms) throws IOException {
    this.searcher = searcher;
    this.parents = parents;
    Query q = terms.toQuery(Fields.PASSAGE);
    this.weight = q == null ? null
        : searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE, 1f);
  }

  /** The Lucene doc id of the best-matching passage of {@code parent}; its first passage if none matches. */
  int bestPassage(int parent) throws IOException {
    return bestPassages(new int[] {parent})[0];
  }

  /**
   * The best passage of each of {@code parentDocs} (any order, no duplicates), at the same index.
   * The parents are visited in doc id order so each segment's scorer is built once and only moves
   * forward: building a scorer looks every query term up in the terms dictionary, which for 100
   * BM25 hits cost more than the rest of hydration together.
   */
  int[] bestPassages(int[] parentDocs) throws IOException {
    int[] out = new int[parentDocs.length];
    Integer[] order = new Integer[parentDocs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> parentDocs[i]));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    LeafReaderContext leaf = null;
    BitSet bits = null;
    DocIdSetIterator it = null;
    Scorer scorer = null;
    for (int i : order) {
      int parent = parentDocs[i];
      int li = ReaderUtil.subIndex(parent, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        bits = parents.getBitSet(leaf);
        scorer = null;
        it = null;
        if (weight != null) {
          scorer = weight.scorer(leaf);
          it = scorer == null ? null : scorer.iterator();
        }
      }
      int local = parent - leaf.docBase;
      int first = local == 0 ? 0 : bits.prevSetBit(local - 1) + 1;
      if (it == null || first == local - 1) { // no terms, or a single passage: nothing to choose
        out[i] = leaf.docBase + first;
        continue;
      }
      int best = first;
      float bestScore = Float.NEGATIVE_INFINITY;
      int d = it.docID() < first ? it.advance(first) : it.docID();
      for (; d < local; d = it.nextDoc()) {
        float sc = scorer.score();
        if (sc > bestScore) { // strictly greater: the earliest passage wins ties
          bestScore = sc;
          best = d;
        }
      }
      out[i] = leaf.docBase + best;
    }
    return out;
  }
}
