package io.quarry.bench.jmh;

import io.quarry.core.fusion.Candidate;
import io.quarry.core.fusion.Fusion;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.fusion.ReciprocalRankFusion;
import io.quarry.core.fusion.ScoreFusion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of fusing leg lists: RRF and min-max score fusion over {@code lists} lists of {@code size}
 * candidates drawn from a pool where lists overlap about half (as BM25 and vector lists do).
 *
 * <pre>
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main FusionBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FusionBenchmark {

  @Param({"2", "10"})
  int lists;

  @Param({"100", "1000"})
  int size;

  @Param({"rrf", "score"})
  String method;

  private List<RankedList> input;
  private Fusion fusion;

  @Setup(Level.Trial)
  public void setUp() {
    Random r = new Random(42);
    int pool = size * 2; // each list draws from twice its size: about half overlap
    input = new ArrayList<>(lists);
    for (int l = 0; l < lists; l++) {
      List<Candidate> cs = new ArrayList<>(size);
      java.util.Set<Integer> used = new java.util.HashSet<>();
      double score = 100;
      while (cs.size() < size) {
        int d = r.nextInt(pool);
        if (used.add(d)) {
          score -= r.nextDouble();
          cs.add(new Candidate("doc-" + d, score, d, -1));
        }
      }
      input.add(new RankedList("leg" + l, cs));
    }
    fusion = method.equals("rrf")
        ? new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K, Map.of())
        : new ScoreFusion(Map.of());
    List<FusedHit> check = fusion.fuse(input, 10);
    if (check.size() != 10 || check.get(0).score() < check.get(9).score()) {
      throw new IllegalStateException("fusion returned a wrong top 10: " + check);
    }
  }

  @Benchmark
  public List<FusedHit> fuseTop10() {
    return fusion.fuse(input, 10);
  }
}
