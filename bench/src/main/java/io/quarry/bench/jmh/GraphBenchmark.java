package io.quarry.bench.jmh;

import io.quarry.core.spi.DocumentRetriever;
import io.quarry.graph.extract.OpenNlpModels;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import io.quarry.graph.retrieve.EntityLinker;
import io.quarry.graph.retrieve.GraphRetriever;
import io.quarry.graph.retrieve.GraphSearchSettings;
import io.quarry.graph.store.EmbeddedGraphStore;
import io.quarry.graph.store.GraphStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the graph leg costs per query: its gate (which is all an empty graph, or a query that
 * names nothing, pays) and a whole retrieval (link, neighbourhood, PageRank), over an empty graph
 * and over a synthetic one of {@code documents} passages with Wikipedia-like title links.
 *
 * <pre>
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main GraphBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GraphBenchmark {

  @Param({"0", "2000"})
  int documents;

  private Path dir;
  private GraphStore store;
  private GraphRetriever retriever;
  private String named;
  private static final String VAGUE = "who founded the society and served first?";

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("quarry-graph-bench");
    store = EmbeddedGraphStore.open(dir);
    Random r = new Random(42);
    for (int d = 0; d < documents; d++) {
      // each passage names its own title, two other titles and two of a pool of common phrases
      List<Mention> ms = new ArrayList<>();
      ms.add(new Mention("entity " + d, "Entity " + d, Mention.TITLE));
      ms.add(new Mention("entity " + r.nextInt(documents), "Entity", Mention.TITLE));
      ms.add(new Mention("entity " + r.nextInt(documents), "Entity", Mention.TITLE));
      ms.add(new Mention("phrase " + r.nextInt(documents / 4 + 1), "phrase", Mention.NOUN));
      ms.add(new Mention("phrase " + r.nextInt(documents / 4 + 1), "phrase", Mention.NOUN));
      ms = ms.stream().collect(java.util.stream.Collectors.toMap(Mention::key, m -> m, (a, b) -> a,
          java.util.LinkedHashMap::new)).values().stream().toList();
      List<Fact> facts = new ArrayList<>();
      for (int i = 1; i < ms.size(); i++) {
        facts.add(new Fact(ms.get(0).key(), ms.get(i).key(), Fact.CO_OCCURS));
      }
      store.put(new Extraction("d" + d, "h", "Entity " + d, null, "bench", List.of(new PassageFacts(0, ms, facts))));
    }
    store.commit();
    retriever = new GraphRetriever(store, new EntityLinker(OpenNlpModels.english().tokens()), GraphSearchSettings.DEFAULT);
    named = "How is Entity 7 related to Entity 11?";
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The gate for a question naming two entities: the empty graph's whole cost when documents=0. */
  @Benchmark
  public DocumentRetriever.Gate gateNamed() {
    return retriever.gate(named);
  }

  /** The gate for a question naming nothing: what auto pays before skipping the leg. */
  @Benchmark
  public DocumentRetriever.Gate gateVague() {
    return retriever.gate(VAGUE);
  }

  /** A whole retrieval: link, neighbourhood, PageRank, rank (documents > 0 only does work). */
  @Benchmark
  public DocumentRetriever.Result retrieve() throws IOException {
    return retriever.retrieve(new DocumentRetriever.Query(named, null, List.of(), 100, () -> false));
  }
}
