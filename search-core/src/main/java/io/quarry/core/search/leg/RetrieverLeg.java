package io.quarry.core.search.leg;

import io.quarry.core.fusion.Candidate;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.Fields;
import io.quarry.core.spi.DocumentRetriever;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * A {@link DocumentRetriever} as a retrieval leg: its ids are resolved in the request's snapshot
 * (an id no longer in the index is dropped), the request's filters apply to them as to every
 * other leg (as of, since/until, sources, facets), and in passage mode each document answers with
 * its best passage for the query. The retriever's failures and cancellation pass through.
 *
 * <p>Thread-safe when the retriever is.
 */
public final class RetrieverLeg implements RetrievalLeg {

  private final DocumentRetriever retriever;

  public RetrieverLeg(DocumentRetriever retriever) {
    this.retriever = retriever;
  }

  @Override
  public String name() {
    return retriever.name();
  }

  @Override
  public boolean needsQueryVector() {
    return retriever.needsQueryVector();
  }

  @Override
  public boolean needsSeeds() {
    return retriever.needsSeeds();
  }

  @Override
  public DocumentRetriever.Gate gate(String text) {
    return retriever.gate(text);
  }

  @Override
  public RankedList search(LegInput in) throws IOException {
    in.checkCancelled();
    DocumentRetriever.Result result;
    try {
      result = retriever.retrieve(new DocumentRetriever.Query(in.text(),
          needsQueryVector() ? in.vector() : null, needsSeeds() ? seeds(in.seeds(), in.passages()) : List.of(),
          in.candidates(), in.cancellation()::isCancelled));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(retriever.name() + " failed: " + e.getMessage(), e);
    }
    in.checkCancelled();
    List<DocumentRetriever.Scored> ranked = result.ranked();
    IndexSearcher searcher = in.snapshot().searcher();
    Weight filter = searcher.createWeight(searcher.rewrite(in.filterQuery()), ScoreMode.COMPLETE_NO_SCORES, 1f);
    PassageSelector passages = in.passages()
        ? new PassageSelector(searcher, in.index().parents(), QueryTerms.analyze(in.index().analyzer(), Fields.PASSAGE, in.text()))
        : null;
    List<Candidate> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DocumentRetriever.Scored s : ranked) {
      if (out.size() == in.candidates() || !seen.add(s.id())) {
        continue;
      }
      int parent = in.snapshot().parentOf(s.id());
      if (parent < 0) {
        continue; // deleted, or never indexed
      }
      if (passages == null) {
        if (matches(filter, searcher, parent)) {
          out.add(new Candidate(s.id(), s.score(), parent, -1));
        }
      } else {
        int child = passages.bestPassage(parent);
        if (matches(filter, searcher, child)) {
          int ord = DocKeys.ordinals(searcher, new int[] {child})[0];
          out.add(new Candidate(s.id() + "#" + ord, s.score(), child, child));
        }
      }
    }
    return new RankedList(name(), out, result.explanation());
  }

  /** The first-hop list as documents, best first: a passage key counts for its document once. */
  private static List<DocumentRetriever.Scored> seeds(RankedList firstHop, boolean passages) {
    if (firstHop == null) {
      return List.of();
    }
    List<DocumentRetriever.Scored> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Candidate c : firstHop.candidates()) {
      String id = passages ? c.key().substring(0, c.key().lastIndexOf('#')) : c.key();
      if (seen.add(id)) {
        out.add(new DocumentRetriever.Scored(id, c.score()));
      }
    }
    return out;
  }

  /** Whether {@code doc} passes the filter (documents are filtered as parents, passages as children). */
  private static boolean matches(Weight filter, IndexSearcher searcher, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    Scorer scorer = filter.scorer(leaf);
    if (scorer == null) {
      return false;
    }
    int local = doc - leaf.docBase;
    return scorer.iterator().advance(local) == local && local != DocIdSetIterator.NO_MORE_DOCS;
  }
}
