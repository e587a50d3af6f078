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
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(parent, leaves));
    int local = parent - leaf.docBase;
    BitSet bits = parents.getBitSet(leaf);
    int first = local == 0 ? 0 : bits.prevSetBit(local - 1) + 1;
    if (weight == null || first == local - 1) { // no terms, or a single passage: nothing to choose
      return leaf.docBase + first;
    }
    Scorer scorer = weight.scorer(leaf);
    if (scorer == null) {
      return leaf.docBase + first;
    }
    DocIdSetIterator it = scorer.iterator();
    int best = first;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int d = it.advance(first); d < local; d = it.nextDoc()) {
      float s = scorer.score();
      if (s > bestScore) { // strictly greater: the earliest passage wins ties
        bestScore = s;
        best = d;
      }
    }
    return leaf.docBase + best;
  }
}
