package io.quarry.bench.run;

import io.quarry.bench.data.BenchQuery;
import io.quarry.bench.data.Corpus;
import io.quarry.bench.data.CorpusStats;
import io.quarry.bench.data.Queries;
import io.quarry.bench.data.StaleAnswers;
import io.quarry.bench.data.SuiteSet;
import io.quarry.core.eval.QueryEvaluator;
import io.quarry.core.eval.Qrels;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the runner reads for one set before running it: the queries (first
 * {@code maxQueries} in file order when limited), the evaluator built from qrels, the corpus's
 * publish days and, for a dated corpus, the optional stale answer documents.
 *
 * @param set the set
 * @param corpus the corpus file handle
 * @param corpusStats what one pass over the corpus found
 * @param queries the queries to run
 * @param evaluator scores one query's ranking
 * @param dated true when at least one corpus document has a publish date
 * @param skipped queries without any relevant document in the qrels (run, not evaluated)
 */
record SetData(SuiteSet set, Corpus corpus, CorpusStats corpusStats, List<BenchQuery> queries,
    QueryEvaluator evaluator, boolean dated, int skipped) {

  /** Reads the set's files; {@code maxQueries} 0 means all. */
  static SetData load(SuiteSet set, int maxQueries) throws IOException {
    List<BenchQuery> queries = Queries.read(set.queries());
    if (maxQueries > 0 && queries.size() > maxQueries) {
      queries = List.copyOf(queries.subList(0, maxQueries));
    }
    Qrels qrels = Qrels.read(set.qrels());
    Corpus corpus = new Corpus(set.corpus());
    Map<String, LocalDate> days = new HashMap<>();
    CorpusStats stats = corpus.forEach(doc -> {
      if (doc.date() != null) {
        days.put(doc.id(), doc.date().day());
      }
    });
    boolean dated = stats.dated() > 0;
    Map<String, Set<String>> stale = dated
        ? StaleAnswers.besideQrels(set.qrels()).orElse(null) : null;
    QueryEvaluator evaluator = new QueryEvaluator(qrels, dated ? days : null, stale);
    int skipped = (int) queries.stream().filter(q -> !qrels.hasRelevant(q.id())).count();
    return new SetData(set, corpus, stats, queries, evaluator, dated, skipped);
  }
}
