package io.quarry.core.search.leg;

import io.quarry.core.fusion.Candidate;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * BM25 over title and text (documents) or over passage text (passages): an OR of the analysed
 * query terms, filtered. The similarity's k1 and b come from the searcher.
 */
public final class Bm25Leg implements RetrievalLeg {

  public static final String NAME = "bm25";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean needsQueryVector() {
    return false;
  }

  /** BM25 is Lucene scoring only, which polls the flag through its {@code QueryTimeout}. */
  @Override
  public boolean stopsWhenCancelled() {
    return true;
  }

  @Override
  public RankedList search(LegInput in) throws IOException {
    String field = in.passages() ? Fields.PASSAGE : Fields.CONTENTS;
    Query terms = QueryTerms.analyze(in.index().analyzer(), field, in.text()).toQuery(field);
    if (terms == null) {
      return new RankedList(NAME, List.of()); // only stop words: BM25 has nothing to say
    }
    // Without filters the kind filter is redundant (only documents have the contents field, only
    // passages the passage field), and leaving it out lets Lucene score the bare disjunction with
    // its block-max top-k pruning, as a reference BM25 run does.
    Query query = in.filters().isEmpty() ? terms : new BooleanQuery.Builder()
        .add(terms, Occur.MUST)
        .add(in.filterQuery(), Occur.FILTER)
        .build();
    TopDocs top = in.searcher().search(query, in.candidates());
    in.checkCancelled();
    return new RankedList(NAME, candidates(in, top.scoreDocs));
  }

  static List<Candidate> candidates(LegInput in, ScoreDoc[] hits) throws IOException {
    IndexSearcher searcher = in.snapshot().searcher();
    int[] docs = new int[hits.length];
    for (int i = 0; i < hits.length; i++) {
      docs[i] = hits[i].doc;
    }
    List<Candidate> out = new ArrayList<>(hits.length);
    if (in.passages()) {
      String[] ids = DocKeys.ids(searcher, DocKeys.parentsOf(searcher, in.index().parents(), docs));
      int[] ords = DocKeys.ordinals(searcher, docs);
      for (int i = 0; i < hits.length; i++) {
        out.add(new Candidate(ids[i] + "#" + ords[i], hits[i].score, docs[i], docs[i]));
      }
    } else {
      String[] ids = DocKeys.ids(searcher, docs);
      for (int i = 0; i < hits.length; i++) {
        out.add(new Candidate(ids[i], hits[i].score, docs[i], -1));
      }
    }
    return out;
  }
}
