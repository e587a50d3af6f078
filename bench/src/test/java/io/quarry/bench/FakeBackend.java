package io.quarry.bench;

import io.quarry.bench.backend.BackendQuery;
import io.quarry.bench.backend.BackendResult;
import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.backend.IndexStats;
import io.quarry.bench.backend.RankedHit;
import io.quarry.bench.backend.SearchBackend;
import io.quarry.bench.data.Corpus;
import io.quarry.bench.data.CorpusStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-in engine for testing the runner's metric and file code (the engine is not under test
 * here): fixed rankings and latencies per query text, the same in every mode, except that query
 * "alpha question" is partial in mode fast. Records every query it receives.
 */
public final class FakeBackend implements SearchBackend {

  /** Query text to (ranking, latency ms). Scores: 3, 2, 1, ... unless given. */
  private static final Map<String, Answer> ANSWERS = Map.of(
      // f3 and f1 tie on score; f3 repeated later (duplicate)
      "alpha question", new Answer(List.of(hit("f3", 2.0), hit("f1", 2.0), hit("f2", 1.5),
          hit("f3", 1.0)), 10),
      "beta question", new Answer(List.of(hit("f1", 3), hit("f5", 2), hit("f2", 1)), 20),
      "compare alpha and beta", new Answer(List.of(hit("f2", 0.7)), 30),
      "question nobody judged relevant", new Answer(List.of(hit("f5", 1)), 40),
      "what happened this week", new Answer(List.of(hit("n2", 4), hit("n1", 3), hit("n3", 2),
          hit("n4", 1)), 5),
      "what happened recently (news from the week of June 15, 2023)",
      new Answer(List.of(hit("n1", 2), hit("n5", 1)), 25),
      "a question without relevant documents", new Answer(List.of(hit("n3", 1)), 15));

  private record Answer(List<RankedHit> hits, double latencyMs) {}

  public final List<BackendQuery> received = new ArrayList<>();
  public boolean closed;

  private static RankedHit hit(String id, double score) {
    return new RankedHit(id, score, null);
  }

  @Override
  public String describe() {
    return "fake";
  }

  @Override
  public IndexStats index(String setName, Corpus corpus) throws IOException {
    CorpusStats stats = corpus.forEach(doc -> { });
    boolean graph = setName.equals("news");
    return new IndexStats(stats.documents(), stats.documents(), 0.5, 0.25,
        graph ? 7L : null, graph ? 9L : null);
  }

  @Override
  public BackendResult search(BackendQuery query) {
    received.add(query);
    Answer a = ANSWERS.get(query.text());
    if (a == null) {
      throw new IllegalStateException("no fixed answer for '" + query.text() + "'");
    }
    boolean partial = query.mode() == BenchMode.FAST && query.text().equals("alpha question");
    return new BackendResult(a.hits(), partial, a.latencyMs());
  }

  @Override
  public void close() {
    closed = true;
  }
}
