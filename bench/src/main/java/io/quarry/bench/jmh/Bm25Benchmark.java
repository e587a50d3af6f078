package io.quarry.bench.jmh;

import io.quarry.core.fusion.Candidate;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.Filters;
import io.quarry.core.search.leg.Bm25Leg;
import io.quarry.core.search.leg.LegInput;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One BM25 leg query ({@link Bm25Leg#search}, what the fast and deep paths run) over a real
 * index on disk: the set's queries in turn (SciFact's first 200 claims by default), documents
 * ranked over title and text, no filter, the top {@code candidates} with their external ids.
 * The index is the one {@code quarry-bench run} builds ({@link CorpusIndex}: {@code
 * -Dquarry.bench.work}, default {@code work}; {@code -Dquarry.bench.suite}/{@code .set} for
 * another corpus). The fast path asks each leg for 100 candidates (search.candidates).
 *
 * <p>Setup checks the leg: every list is best first and no longer than asked, and a document's
 * own title finds it in the top 10 for at least 90% of the corpus's first 50 documents.
 *
 * <pre>
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main Bm25Benchmark
 * java -Dquarry.bench.work=/tmp/jmh-work -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main Bm25Benchmark -p candidates=100
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
public class Bm25Benchmark {

  @Param({"10", "100"})
  int candidates;

  private final Bm25Leg leg = new Bm25Leg();
  private CorpusIndex corpus;
  private QuarryIndex.Snapshot snapshot;
  private List<String> queries;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    setUp(CorpusIndex.Source.fromSystemProperties());
  }

  void setUp(CorpusIndex.Source source) throws IOException {
    corpus = CorpusIndex.open(source);
    snapshot = corpus.index().acquire();
    queries = corpus.queries();
    int empty = 0;
    for (String q : queries) {
      List<Candidate> list = search(q, candidates).candidates();
      checkOrder(list, candidates);
      empty += list.isEmpty() ? 1 : 0;
    }
    if (empty == queries.size()) {
      throw new IllegalStateException("BM25 found nothing for any of " + queries.size() + " queries");
    }
    double found = CorpusIndex.foundShare(corpus.knownItems(50), item -> search(item.query(), 10));
    if (found < 0.9) {
      throw new IllegalStateException("BM25 found only " + found + " of the documents by their own title");
    }
  }

  /** Scores strictly by the one ordering rule: never increasing, at most {@code max}. */
  static void checkOrder(List<Candidate> list, int max) {
    if (list.size() > max) {
      throw new IllegalStateException(list.size() + " candidates where " + max + " were asked");
    }
    for (int i = 1; i < list.size(); i++) {
      if (list.get(i).score() > list.get(i - 1).score()) {
        throw new IllegalStateException("candidates out of order at " + i + ": " + list.subList(i - 1, i + 1));
      }
    }
  }

  private RankedList search(String text, int k) throws IOException {
    return leg.search(new LegInput(snapshot, corpus.index(), text, null, Filters.NONE, false, k));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    snapshot.close();
    corpus.close();
  }

  /** The next query of the set, top {@code candidates} documents. */
  @Benchmark
  public RankedList search() throws IOException {
    String q = queries.get(next);
    next = next + 1 == queries.size() ? 0 : next + 1;
    return search(q, candidates);
  }
}
