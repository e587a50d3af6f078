package io.quarry.bench.jmh;

import io.quarry.core.fusion.Candidate;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.Fields;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.Filters;
import io.quarry.core.search.leg.LegInput;
import io.quarry.core.search.leg.VectorLeg;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.VectorUtil;
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
 * One vector leg query ({@link VectorLeg#search}: HNSW over the stored passage vectors, the best
 * passage per document by Lucene's diversifying block-join k-NN query, then the documents'
 * external ids) over the same real index as {@link Bm25Benchmark}. The query vectors are
 * embedded at setup by the engine's own encoder, so only the search is timed ({@link
 * QueryEmbeddingBenchmark} times the embedding).
 *
 * <p>Setup checks the leg against exact search: over the first 20 queries, the HNSW top 10
 * documents hold at least 90% of the exact top 10 (every stored passage vector scored by dot
 * product, each document by its best passage), and every list is best first.
 *
 * <pre>
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main VectorBenchmark
 * java -Dquarry.bench.work=/tmp/jmh-work -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main VectorBenchmark -p candidates=100
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
public class VectorBenchmark {

  @Param({"10", "100"})
  int candidates;

  private static final int CHECKED = 20;
  private static final int TOP = 10;

  private final VectorLeg leg = new VectorLeg();
  private CorpusIndex corpus;
  private QuarryIndex.Snapshot snapshot;
  private List<float[]> vectors;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    setUp(CorpusIndex.Source.fromSystemProperties());
  }

  void setUp(CorpusIndex.Source source) throws IOException {
    corpus = CorpusIndex.open(source);
    snapshot = corpus.index().acquire();
    vectors = new ArrayList<>();
    for (String q : corpus.queries()) {
      vectors.add(corpus.encoder().encodeQuery(q));
    }
    double overlap = 0;
    int checked = Math.min(CHECKED, vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      List<Candidate> list = search(vectors.get(i), candidates).candidates();
      Bm25Benchmark.checkOrder(list, candidates);
      if (i < checked) {
        Set<Integer> exact = exactTop(vectors.get(i), TOP);
        long same = search(vectors.get(i), TOP).candidates().stream().filter(c -> exact.contains(c.doc())).count();
        overlap += exact.isEmpty() ? 1 : same / (double) exact.size();
      }
    }
    if (overlap / checked < 0.9) {
      throw new IllegalStateException("HNSW found only " + overlap / checked + " of the exact top " + TOP);
    }
  }

  /** The exact top {@code k} parent docs: every stored passage vector scored, documents by their best. */
  private Set<Integer> exactTop(float[] query, int k) throws IOException {
    Map<Integer, Float> best = new HashMap<>();
    for (LeafReaderContext leaf : snapshot.searcher().getIndexReader().leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
      if (values == null) {
        continue;
      }
      BitSet parents = corpus.index().parents().getBitSet(leaf);
      var live = leaf.reader().getLiveDocs();
      KnnVectorValues.DocIndexIterator it = values.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        float score = VectorUtil.dotProduct(query, values.vectorValue(it.index()));
        best.merge(leaf.docBase + parents.nextSetBit(doc), score, Math::max);
      }
    }
    Set<Integer> top = new HashSet<>();
    best.entrySet().stream().sorted(Map.Entry.<Integer, Float>comparingByValue().reversed()).limit(k)
        .forEach(e -> top.add(e.getKey()));
    return top;
  }

  private RankedList search(float[] vector, int k) throws IOException {
    return leg.search(new LegInput(snapshot, corpus.index(), "", vector, Filters.NONE, false, k));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    snapshot.close();
    corpus.close();
  }

  /** The next query's vector, top {@code candidates} documents. */
  @Benchmark
  public RankedList search() throws IOException {
    float[] v = vectors.get(next);
    next = next + 1 == vectors.size() ? 0 : next + 1;
    return search(v, candidates);
  }
}
