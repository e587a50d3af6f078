package io.quarry.bench.jmh;

import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.Filters;
import io.quarry.core.search.SearchSettings;
import io.quarry.core.search.leg.Bm25Leg;
import io.quarry.core.search.leg.LegInput;
import io.quarry.core.search.leg.VectorLeg;
import io.quarry.graph.extract.OpenNlpModels;
import io.quarry.graph.model.LinkedEntity;
import io.quarry.graph.model.PassageFacts;
import io.quarry.graph.model.Subgraph;
import io.quarry.graph.retrieve.EntityLinker;
import io.quarry.graph.retrieve.GraphSearchSettings;
import io.quarry.graph.retrieve.PersonalizedPageRank;
import io.quarry.graph.store.EmbeddedGraphStore;
import io.quarry.server.config.GraphConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The graph leg's personalized PageRank alone ({@link PersonalizedPageRank#run}, 30 iterations at
 * most, damping {@code graph.damping}), over the neighbourhoods the leg walks for real queries.
 * {@link GraphBenchmark} times the whole retrieval over a synthetic graph; this isolates the walk.
 *
 * <p>The neighbourhoods are pulled at setup from the knowledge graph the engine built beside the
 * real index of {@link CorpusIndex} (SciFact by default; a multi-hop set with {@code
 * -Dquarry.bench.set=hotpotqa_train}), as {@code GraphRetriever.retrieve} pulls them: seeded by
 * the query's linked entities and by the passages of the first hop's best {@code
 * graph.seed_documents} documents (here BM25 and vector fused as the fast path fuses them), within
 * {@code graph.hops} and {@code graph.max_degree}, capped at {@code maxNodes} ({@code
 * graph.max_nodes}, default 5000). The seed weights are the retriever's: an entity 1 / its
 * passages, a seed document's passages {@code graph.passage_seed_weight} times its normalized
 * score, scaled to the entities' total. Setup prints the neighbourhoods' sizes. Each call walks
 * the next query's neighbourhood.
 *
 * <p>Setup checks every walk: non-negative mass summing to 1 that one more power-iteration step
 * (computed here, independently) moves by less than 1e-6.
 *
 * <pre>
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main PageRankBenchmark
 * java -Dquarry.bench.set=hotpotqa_train -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main PageRankBenchmark -p maxNodes=5000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
public class PageRankBenchmark {

  @Param({"1000", "5000"})
  int maxNodes;

  /** {@code GraphRetriever}'s iteration cap. */
  static final int ITERATIONS = 30;

  private final List<Subgraph> graphs = new ArrayList<>();
  private final List<double[]> seeds = new ArrayList<>();
  private double damping;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    setUp(CorpusIndex.Source.fromSystemProperties());
  }

  void setUp(CorpusIndex.Source source) throws IOException {
    try (CorpusIndex corpus = CorpusIndex.open(source)) {
      GraphConfig config = corpus.config().graph();
      if (!config.built() || !config.store().equals("embedded")) {
        throw new IllegalStateException("the engine built no embedded graph (graph.enabled=" + config.enabled()
            + ", graph.store=" + config.store() + ")");
      }
      GraphSearchSettings g = config.search();
      damping = g.damping();
      try (EmbeddedGraphStore store = EmbeddedGraphStore.open(corpus.config().graphDir());
          QuarryIndex.Snapshot snapshot = corpus.index().acquire()) {
        EntityLinker linker = new EntityLinker(OpenNlpModels.english().tokens());
        SearchSettings search = corpus.config().search();
        for (String q : corpus.queries()) {
          List<LinkedEntity> linked = linker.link(q, store);
          List<FusedHit> firstHop = firstHop(corpus, snapshot, search, q, g.seedDocuments());
          Subgraph sub = store.neighbourhood(linked.stream().map(LinkedEntity::key).toList(),
              firstHop.stream().map(FusedHit::key).toList(), g.hops(), maxNodes, g.maxDegree());
          if (sub.size() > 0) {
            graphs.add(sub);
            seeds.add(seeds(sub, linked, firstHop, g.passageSeedWeight()));
          }
        }
      }
    }
    if (graphs.isEmpty()) {
      throw new IllegalStateException("no query has a neighbourhood in the graph");
    }
    for (int i = 0; i < graphs.size(); i++) {
      check(graphs.get(i), seeds.get(i), PersonalizedPageRank.run(graphs.get(i), seeds.get(i), damping, ITERATIONS,
          () -> false));
    }
    int[] nodes = graphs.stream().mapToInt(Subgraph::size).sorted().toArray();
    int[] edges = graphs.stream().mapToInt(Subgraph::edges).sorted().toArray();
    System.out.printf(Locale.ROOT, "%n%d neighbourhoods (max_nodes %d): nodes median %d, max %d; edges median %d,"
        + " max %d%n", graphs.size(), maxNodes, nodes[nodes.length / 2], nodes[nodes.length - 1],
        edges[edges.length / 2], edges[edges.length - 1]);
  }

  /** The first hop: BM25 and vector fused as the fast path fuses them, its best {@code n}. */
  private static List<FusedHit> firstHop(CorpusIndex corpus, QuarryIndex.Snapshot snapshot, SearchSettings search,
      String q, int n) throws IOException {
    if (n == 0) {
      return List.of();
    }
    float[] vector = corpus.encoder().encodeQuery(q);
    List<RankedList> lists = new ArrayList<>();
    for (var leg : List.of(new Bm25Leg(), new VectorLeg())) {
      lists.add(leg.search(new LegInput(snapshot, corpus.index(), q, vector, Filters.NONE, false,
          search.candidates())));
    }
    return search.combine(List.of(Bm25Leg.NAME, VectorLeg.NAME)).fuse(lists, n);
  }

  /** The reset vector exactly as {@code GraphRetriever} seeds it. */
  static double[] seeds(Subgraph g, List<LinkedEntity> linked, List<FusedHit> firstHop, double passageSeedWeight) {
    return io.quarry.graph.retrieve.GraphRetriever.seeds(g, linked, firstHop.stream()
        .map(h -> new io.quarry.core.spi.DocumentRetriever.Scored(h.key(), h.score())).toList(),
        passageSeedWeight);
  }

  /** Non-negative, sums to 1, and a fixed point of {@code r = (1 - d) s + d P^T r} (dangling mass restarting). */
  private void check(Subgraph g, double[] seed, double[] rank) {
    double seedSum = Arrays.stream(seed).sum();
    double sum = Arrays.stream(rank).sum();
    if (seedSum == 0) {
      if (sum != 0) {
        throw new IllegalStateException("mass " + sum + " from no seeds");
      }
      return;
    }
    if (Arrays.stream(rank).anyMatch(r -> r < 0) || Math.abs(sum - 1) > 1e-6) {
      throw new IllegalStateException("PageRank mass sums to " + sum + " or is negative");
    }
    int n = g.size();
    double[] step = new double[n];
    double dangling = 0;
    for (int i = 0; i < n; i++) {
      double out = 0;
      for (int e = g.start(i); e < g.end(i); e++) {
        out += g.weight(e);
      }
      if (out == 0) {
        dangling += rank[i];
        continue;
      }
      for (int e = g.start(i); e < g.end(i); e++) {
        step[g.target(e)] += damping * rank[i] * g.weight(e) / out;
      }
    }
    double moved = 0;
    for (int i = 0; i < n; i++) {
      step[i] += (1 - damping + damping * dangling) * seed[i] / seedSum;
      moved += Math.abs(step[i] - rank[i]);
    }
    if (moved > 1e-6) {
      throw new IllegalStateException("not a fixed point: one more step moves " + moved + " of the mass"
          + " (neighbourhood of " + n + " nodes)");
    }
  }

  /** The next query's neighbourhood, walked. */
  @Benchmark
  public double[] pageRank() {
    int i = next;
    next = next + 1 == graphs.size() ? 0 : next + 1;
    return PersonalizedPageRank.run(graphs.get(i), seeds.get(i), damping, ITERATIONS, () -> false);
  }
}
