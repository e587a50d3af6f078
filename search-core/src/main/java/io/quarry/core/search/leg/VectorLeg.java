package io.quarry.core.search.leg;

import io.quarry.core.fusion.Candidate;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;

/**
 * Approximate nearest passages by HNSW. For documents, Lucene's diversifying block-join query
 * keeps the single best passage per document while walking the graph (a document scores as its
 * best passage, and that passage becomes its best passage). For passages, a plain k-NN query.
 *
 * <p>Scores are Lucene's dot-product similarity {@code (1 + cos) / 2}.
 */
public final class VectorLeg implements RetrievalLeg {

  public static final String NAME = "vector";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsQueryVector() {
    return true;
  }

  @Override
  public RankedList search(LegInput in) throws IOException {
    if (in.vector() == null) {
      throw new IllegalStateException("vector leg run without a query vector");
    }
    // Without filters every doc with a vector qualifies: skip the filter bit set entirely.
    Query filter = in.filters().isEmpty() ? null : FilterQueries.passages(in.filters());
    Query knn = in.passages()
        ? new KnnFloatVectorQuery(Fields.VECTOR, in.vector(), in.candidates(), filter)
        : new DiversifyingChildrenFloatKnnVectorQuery(
            Fields.VECTOR, in.vector(), filter, in.candidates(), in.index().parents());
    TopDocs top = in.searcher().search(knn, in.candidates());
    in.checkCancelled();
    IndexSearcher searcher = in.snapshot().searcher();
    ScoreDoc[] hits = top.scoreDocs;
    if (in.passages()) {
      return new RankedList(NAME, Bm25Leg.candidates(in, hits));
    }
    int[] children = new int[hits.length];
    for (int i = 0; i < hits.length; i++) {
      children[i] = hits[i].doc;
    }
    int[] parents = DocKeys.parentsOf(searcher, in.index().parents(), children);
    String[] ids = DocKeys.ids(searcher, parents);
    List<Candidate> out = new ArrayList<>(hits.length);
    for (int i = 0; i < hits.length; i++) {
      out.add(new Candidate(ids[i], hits[i].score, parents[i], children[i]));
    }
    return new RankedList(NAME, out);
  }
}
