package io.quarry.bench.jmh;

import io.quarry.core.dag.Dag;
import io.quarry.core.dag.DagExecutor;
import io.quarry.core.dag.DagResult;
import io.quarry.core.dag.Node;
import io.quarry.core.dag.NodePolicy;
import io.quarry.core.dag.NodeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * Overhead of the deep-search DAG executor: a run of {@code nodes} trivial nodes, either all
 * independent and merged by one node ({@code fanout}, as deep search's legs are) or each waiting
 * for the previous ({@code chain}, the worst case: every node is a scheduling round trip). Divide
 * the score by {@code nodes + 1} for the cost per node. Workers are virtual threads, as in the
 * server.
 *
 * <pre>
 * java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main DagBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DagBenchmark {

  @Param({"1", "10", "50"})
  int nodes;

  @Param({"fanout", "chain"})
  String shape;

  private ExecutorService workers;
  private ScheduledExecutorService timers;
  private DagExecutor executor;
  private Dag dag;

  @Setup(Level.Trial)
  public void setUp() {
    workers = Executors.newVirtualThreadPerTaskExecutor();
    timers = Executors.newSingleThreadScheduledExecutor();
    executor = new DagExecutor(workers, timers);
    Dag.Builder b = Dag.builder();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      String name = "n" + i;
      List<String> requires = shape.equals("chain") && i > 0 ? List.of("n" + (i - 1)) : List.of();
      b.add(new Node(name, requires, List.of(), ctx -> 1, NodePolicy.DEFAULT));
      names.add(name);
    }
    b.add(new Node("merge", List.of(), names, ctx -> ctx.inputs().size(), NodePolicy.MERGE));
    dag = b.build();
    DagResult check = executor.run(dag, Duration.ofSeconds(5));
    if (check.outcome("merge").status() != NodeStatus.OK
        || (int) check.outcome("merge").output(Integer.class) != nodes) {
      throw new IllegalStateException("the DAG did not run every node: " + check.trace());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    workers.shutdownNow();
    timers.shutdownNow();
  }

  @Benchmark
  public DagResult run() {
    return executor.run(dag, Duration.ofSeconds(5));
  }
}
