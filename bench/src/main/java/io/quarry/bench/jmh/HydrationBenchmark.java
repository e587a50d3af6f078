package io.quarry.bench.jmh;

import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.Filters;
import io.quarry.core.search.Hit;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.leg.Bm25Leg;
import io.quarry.core.search.leg.FinishingReserve;
import io.quarry.core.search.leg.Hydrator;
import io.quarry.core.search.leg.LegInput;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.core.search.leg.VectorLeg;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
 * The fast path's "hydrate" stage ({@link Hydrator#within}, timed there as {@code hydrate}): for
 * the fused top {@code k} of one query, analyse the query for passage choice, pick each hit's
 * best passage (a hit found only by BM25 ranks the document's passages by the query's terms; a
 * vector hit brings its passage) and load its display fields (id, title, passage text, date,
 * source, url) from stored fields. The fused lists are made at setup, per query, by the engine's
 * legs and fusion ({@code search.*} defaults, {@code search.candidates} per leg) over the real
 * index of {@link CorpusIndex}: {@code legs=bm25} as {@code mode bm25} fuses (every hit needs its
 * passage chosen), {@code legs=fast} as the fast path fuses BM25 and vector. Each call hydrates
 * the next query's list, far from any deadline, so every hit is hydrated.
 *
 * <p>Setup checks the hydration: every hit of every list, in the fused order, with its passage
 * text and nothing dropped.
 *
 * <pre>
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main HydrationBenchmark
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main HydrationBenchmark -p k=100 -p legs=bm25
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
public class HydrationBenchmark {

  @Param({"10", "100"})
  int k;

  @Param({"bm25", "fast"})
  String legs;

  /** Far beyond any hydration: the reserve never cuts one short. */
  private static final long NO_DEADLINE = TimeUnit.MINUTES.toNanos(10);

  private CorpusIndex corpus;
  private QuarryIndex.Snapshot snapshot;
  private final FinishingReserve reserve = new FinishingReserve(Duration.ofMillis(5));
  private final List<String> texts = new ArrayList<>();
  private final List<List<FusedHit>> fused = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    setUp(CorpusIndex.Source.fromSystemProperties());
  }

  void setUp(CorpusIndex.Source source) throws IOException {
    corpus = CorpusIndex.open(source);
    snapshot = corpus.index().acquire();
    List<RetrievalLeg> running = switch (legs) {
      case "bm25" -> List.of(new Bm25Leg());
      case "fast" -> List.of(new Bm25Leg(), new VectorLeg());
      default -> throw new IllegalArgumentException("illegal legs: '" + legs + "', must be bm25 or fast");
    };
    SearchSettings settings = corpus.config().search();
    Fusion fusion = settings.combine(running.stream().map(RetrievalLeg::name).toList());
    int candidates = Math.max(settings.candidates(), k);
    for (String q : corpus.queries()) {
      float[] vector = legs.equals("fast") ? corpus.encoder().encodeQuery(q) : null;
      List<RankedList> lists = new ArrayList<>();
      for (RetrievalLeg leg : running) {
        lists.add(leg.search(new LegInput(snapshot, corpus.index(), q, vector, Filters.NONE, false, candidates)));
      }
      List<FusedHit> top = fusion.fuse(lists, k);
      if (top.size() == k) { // a query with fewer matches would hydrate fewer hits
        texts.add(q);
        fused.add(top);
      }
    }
    if (fused.isEmpty()) {
      throw new IllegalStateException("no query of " + corpus.queries().size() + " has " + k + " fused hits");
    }
    for (int i = 0; i < fused.size(); i++) {
      Hydrator.Hydrated h = hydrate(i);
      List<String> keys = fused.get(i).stream().map(FusedHit::key).toList();
      if (h.dropped() != null || !h.hits().stream().map(Hit::id).toList().equals(keys)) {
        throw new IllegalStateException("hydrated " + h.hits().stream().map(Hit::id).toList() + " for " + keys
            + (h.dropped() == null ? "" : ", dropped: " + h.dropped()));
      }
      for (Hit hit : h.hits()) {
        if (hit.text() == null || hit.text().isBlank()) {
          throw new IllegalStateException("hit " + hit.id() + " has no passage text");
        }
      }
    }
  }

  private Hydrator.Hydrated hydrate(int i) throws IOException {
    return Hydrator.within(corpus.index(), snapshot, fused.get(i), false, texts.get(i), reserve,
        System.nanoTime() + NO_DEADLINE);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    snapshot.close();
    corpus.close();
  }

  /** The next query's fused top k, hydrated. */
  @Benchmark
  public Hydrator.Hydrated hydrate() throws IOException {
    int i = next;
    next = next + 1 == fused.size() ? 0 : next + 1;
    return hydrate(i);
  }
}
