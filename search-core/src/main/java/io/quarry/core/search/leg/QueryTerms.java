package io.quarry.core.search.leg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The analysed terms of a query with their counts: a bag of words.
 *
 * <p>As a query it is an OR of its terms, each boosted by how often it occurs, which scores
 * exactly like repeating the clause and matches Anserini's bag-of-words BM25 queries.
 *
 * @param counts analysed term to occurrences, in first-seen order
 */
public record QueryTerms(Map<String, Integer> counts) {

  /** Analyses {@code text} as it would be indexed into {@code field}. */
  public static QueryTerms analyze(Analyzer analyzer, String field, String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        counts.merge(term.toString(), 1, Integer::sum);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return new QueryTerms(java.util.Collections.unmodifiableMap(counts));
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  /** An OR over {@code field} of the terms, boosted by count; null when there are no terms. */
  public Query toQuery(String field) {
    if (counts.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    counts.forEach((t, n) -> {
      Query q = new TermQuery(new Term(field, t));
      b.add(n == 1 ? q : new BoostQuery(q, n), Occur.SHOULD);
    });
    return b.build();
  }
}
