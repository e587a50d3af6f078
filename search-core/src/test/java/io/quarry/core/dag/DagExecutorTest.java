package io.quarry.core.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DagExecutorTest {

  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final DagExecutor executor = new DagExecutor(workers, timers);

  @AfterEach
  void tearDown() {
    workers.shutdownNow();
    timers.shutdownNow();
  }

  private static NodeTask<String> value(String v) {
    return ctx -> v;
  }

  private static NodeTask<String> sleeping(long ms, String v) {
    return ctx -> {
      Thread.sleep(ms);
      return v;
    };
  }

  /**
   * Blocks until {@code latch} opens, ignoring interrupts and any cancel flag: a node that will
   * not stop. (It waits rather than spins: a spinning virtual thread would pin a carrier.)
   */
  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException ignored) {
        // deliberately deaf
      }
    }
  }

  /** A merge that lists what arrived, sorted. */
  private static final NodeTask<List<String>> MERGE = ctx -> {
    List<String> got = new ArrayList<>();
    ctx.inputs().values().forEach(o -> got.add((String) o));
    got.sort(null);
    return got;
  };

  @Test
  void should_answer_within_the_deadline_and_name_a_slow_node() {
    Dag dag = Dag.builder()
        .add(Node.source("fast", value("f"), NodePolicy.DEFAULT))
        .add(Node.source("slow", sleeping(10_000, "s"), NodePolicy.DEFAULT))
        .add(new Node("merge", List.of(), List.of("fast", "slow"), MERGE, NodePolicy.MERGE))
        .build();
    long t = System.nanoTime();
    DagResult r = executor.run(dag, Duration.ofMillis(200));
    double ms = (System.nanoTime() - t) / 1e6;
    // 3x the deadline plus the finishing time: a bound a busy 2-core machine keeps (speed is the benchmark's)
    assertTrue(ms < 3 * (200 + 50), "took " + ms + " ms, deadline 200 ms");
    assertTrue(r.deadlineExpired());
    assertEquals(NodeStatus.TIMEOUT, r.outcome("slow").status());
    assertEquals("deadline", r.outcome("slow").reason());
    assertEquals(List.of("f"), r.outcome("merge").output(List.class));
  }

  @Test
  void should_skip_dependants_of_a_failed_node_and_merge_the_rest() {
    Dag dag = Dag.builder()
        .add(Node.source("a", value("a"), NodePolicy.DEFAULT))
        .add(Node.source("broken", ctx -> {
          throw new IllegalStateException("boom");
        }, NodePolicy.DEFAULT))
        .add(new Node("after-broken", List.of("broken"), List.of(), value("x"), NodePolicy.DEFAULT))
        .add(new Node("merge", List.of(), List.of("a", "after-broken"), ctx -> {
          assertEquals(Map.of("after-broken", "skipped: input broken failed"), ctx.missing());
          return MERGE.run(ctx);
        }, NodePolicy.MERGE))
        .build();
    DagResult r = executor.run(dag, Duration.ofSeconds(5));
    assertEquals(NodeStatus.FAILED, r.outcome("broken").status());
    assertEquals("IllegalStateException: boom", r.outcome("broken").reason());
    assertEquals(1, r.outcome("broken").attempts()); // programming errors are not retried
    assertEquals(NodeStatus.SKIPPED, r.outcome("after-broken").status());
    assertEquals(List.of("a"), r.outcome("merge").output(List.class));
    assertTrue(!r.deadlineExpired());
  }

  @Test
  void should_retry_a_flaky_node_with_backoff() {
    AtomicInteger calls = new AtomicInteger();
    NodeTask<String> flaky = ctx -> {
      if (calls.incrementAndGet() < 3) {
        throw new IOException("connection reset");
      }
      return "ok on attempt " + ctx.attempt();
    };
    Dag dag = Dag.builder()
        .add(Node.source("flaky", flaky, NodePolicy.DEFAULT.withRetries(3, Duration.ofMillis(5))))
        .build();
    DagResult r = executor.run(dag, Duration.ofSeconds(5));
    assertEquals(NodeStatus.OK, r.outcome("flaky").status());
    assertEquals(3, r.outcome("flaky").attempts());
    assertEquals("ok on attempt 3", r.outcome("flaky").output(String.class));
    assertEquals("recovered after: IOException: connection reset", r.outcome("flaky").reason());
    assertEquals(3, r.trace().get(0).attempts());
  }

  @Test
  void should_use_the_fallback_when_retries_run_out() {
    Dag dag = Dag.builder()
        .add(Node.source("down", ctx -> {
          throw new IOException("refused");
        }, NodePolicy.DEFAULT.withRetries(2, Duration.ZERO).withFallback(() -> "fallback")))
        .add(new Node("next", List.of("down"), List.of(), ctx -> ctx.input("down", String.class) + "!", NodePolicy.DEFAULT))
        .build();
    DagResult r = executor.run(dag, Duration.ofSeconds(5));
    assertEquals(NodeStatus.FALLBACK, r.outcome("down").status());
    assertEquals(2, r.outcome("down").attempts());
    assertEquals("IOException: refused", r.outcome("down").reason());
    assertEquals("fallback!", r.outcome("next").output(String.class));
  }

  @Test
  void should_time_a_node_out_on_its_own_limit_before_the_deadline() {
    Dag dag = Dag.builder()
        .add(Node.source("limited", sleeping(5_000, "late"), NodePolicy.DEFAULT.withTimeout(Duration.ofMillis(50))))
        .build();
    long t = System.nanoTime();
    DagResult r = executor.run(dag, Duration.ofSeconds(5));
    assertTrue((System.nanoTime() - t) / 1e6 < 3_000, "a 50 ms node timeout under a 5 s deadline");
    assertEquals(NodeStatus.TIMEOUT, r.outcome("limited").status());
    assertEquals("node timeout 50 ms", r.outcome("limited").reason());
    assertTrue(!r.deadlineExpired());
  }

  @Test
  void should_reach_a_running_cpu_loop_through_its_cancel_flag() throws Exception {
    AtomicBoolean stopped = new AtomicBoolean();
    CountDownLatch exited = new CountDownLatch(1);
    NodeTask<String> spinner = ctx -> {
      try {
        while (!ctx.cancellation().isCancelled()) {
          Thread.onSpinWait(); // ignores interrupts, like a Lucene scoring loop
        }
        stopped.set(true);
        return "stopped";
      } finally {
        exited.countDown();
      }
    };
    Dag dag = Dag.builder().add(Node.source("spin", spinner, NodePolicy.DEFAULT)).build();
    DagResult r = executor.run(dag, Duration.ofMillis(50));
    assertEquals(NodeStatus.TIMEOUT, r.outcome("spin").status());
    assertTrue(exited.await(2, TimeUnit.SECONDS), "the cancelled node kept running");
    assertTrue(stopped.get());
  }

  @Test
  void should_run_independent_nodes_in_parallel() {
    CountDownLatch both = new CountDownLatch(2);
    NodeTask<String> meet = ctx -> {
      both.countDown();
      // succeeds only if the other node runs at the same time
      return both.await(2, TimeUnit.SECONDS) ? "met" : "alone";
    };
    Dag dag = Dag.builder()
        .add(Node.source("root", value("r"), NodePolicy.DEFAULT))
        .add(new Node("left", List.of("root"), List.of(), meet, NodePolicy.DEFAULT))
        .add(new Node("right", List.of("root"), List.of(), meet, NodePolicy.DEFAULT))
        .add(new Node("join", List.of("left", "right"), List.of(), MERGE, NodePolicy.DEFAULT))
        .build();
    DagResult r = executor.run(dag, Duration.ofSeconds(5));
    assertEquals(List.of("met", "met"), r.outcome("join").output(List.class));
    assertEquals("root", r.trace().get(0).node());
    assertEquals("join", r.trace().get(3).node());
  }

  @Test
  void should_skip_nodes_that_could_only_start_after_the_deadline() {
    Dag dag = Dag.builder()
        .add(Node.source("slow", sleeping(5_000, "s"), NodePolicy.DEFAULT))
        .add(new Node("after", List.of(), List.of("slow"), value("a"), NodePolicy.DEFAULT))
        .add(new Node("merge", List.of(), List.of("after"), MERGE, NodePolicy.MERGE))
        .build();
    DagResult r = executor.run(dag, Duration.ofMillis(50));
    assertEquals(NodeStatus.SKIPPED, r.outcome("after").status());
    assertEquals("deadline", r.outcome("after").reason());
    assertEquals(List.of(), r.outcome("merge").output(List.class));
    assertEquals(-1, r.trace().stream().filter(t -> t.node().equals("after")).findFirst().orElseThrow().startMs());
  }

  @Test
  void should_reject_cycles_undefined_inputs_and_duplicates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dag.builder()
        .add(new Node("a", List.of("b"), List.of(), value("a"), null))
        .add(new Node("b", List.of("a"), List.of(), value("b"), null))
        .build());
    assertTrue(e.getMessage().contains("is on a cycle"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Dag.builder()
        .add(new Node("a", List.of("nope"), List.of(), value("a"), null)).build());
    assertEquals("illegal dag: node 'a' takes undefined input 'nope'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Dag.builder()
        .add(Node.source("a", value("a"), null)).add(Node.source("a", value("a"), null)));
    assertEquals("illegal dag: node 'a' is defined twice", e.getMessage());
  }

  @Test
  void should_cut_a_blocking_merge_at_the_finish_deadline() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    NodeTask<String> blockingMerge = ctx -> {
      awaitIgnoringInterrupts(release); // a merge that will not stop
      return "never used";
    };
    Dag dag = Dag.builder()
        .add(Node.source("leg", value("l"), NodePolicy.DEFAULT))
        .add(new Node("merge", List.of(), List.of("leg"), blockingMerge, NodePolicy.MERGE))
        .build();
    try {
      long t = System.nanoTime();
      DagResult r = executor.run(dag, Duration.ofMillis(50), Duration.ofMillis(50));
      double ms = (System.nanoTime() - t) / 1e6;
      assertTrue(ms < 3 * 100, "took " + ms + " ms for 50 + 50 ms");
      assertEquals(NodeStatus.OK, r.outcome("leg").status());
      assertEquals(NodeStatus.TIMEOUT, r.outcome("merge").status());
      assertEquals(DagExecutor.FINISH_DEADLINE, r.outcome("merge").reason());
      assertTrue(r.outcome("merge").late());
    } finally {
      release.countDown();
    }
  }

  @Test
  void should_resolve_a_node_whose_fallback_throws() {
    Dag dag = Dag.builder()
        .add(Node.source("down", ctx -> {
          throw new IOException("refused");
        }, NodePolicy.DEFAULT.withFallback(() -> {
          throw new IllegalStateException("no fallback today");
        })))
        .add(new Node("merge", List.of(), List.of("down"), MERGE, NodePolicy.MERGE))
        .build();
    DagResult r = executor.run(dag, Duration.ofSeconds(5));
    assertEquals(NodeStatus.FAILED, r.outcome("down").status());
    assertEquals("IOException: refused; the fallback failed: IllegalStateException: no fallback today",
        r.outcome("down").reason());
    assertEquals(List.of(), r.outcome("merge").output(List.class));
    assertFalse(r.deadlineExpired());
  }

  @Test
  void should_fail_fast_on_a_shut_down_executor() {
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    DagExecutor closed = new DagExecutor(pool, clock);
    clock.shutdown();
    Dag dag = Dag.builder().add(Node.source("a", value("a"), NodePolicy.DEFAULT)).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> closed.run(dag, Duration.ofSeconds(5)));
    assertEquals("the dag executor is shut down", e.getMessage());
    pool.shutdown();
  }

  @Test
  void should_resolve_nodes_whose_pool_rejects_them() {
    ExecutorService rejecting = new java.util.concurrent.AbstractExecutorService() {
      @Override public void shutdown() {}
      @Override public List<Runnable> shutdownNow() { return List.of(); }
      @Override public boolean isShutdown() { return false; }
      @Override public boolean isTerminated() { return false; }
      @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return true; }
      @Override public void execute(Runnable command) {
        throw new java.util.concurrent.RejectedExecutionException("saturated");
      }
    };
    Dag dag = Dag.builder()
        .add(Node.source("a", value("a"), NodePolicy.DEFAULT))
        .add(new Node("merge", List.of(), List.of("a"), MERGE, NodePolicy.MERGE))
        .build();
    DagResult r = new DagExecutor(rejecting, timers).run(dag, Duration.ofSeconds(5));
    assertEquals(NodeStatus.FAILED, r.outcome("a").status());
    assertEquals("executor rejected the task: saturated", r.outcome("a").reason());
    assertEquals(NodeStatus.FAILED, r.outcome("merge").status());
  }

  @Test
  void should_call_a_dependency_timeout_a_timeout_and_its_dependants_late() {
    Dag dag = Dag.builder()
        .add(Node.source("embed", ctx -> {
          throw new java.net.SocketTimeoutException("read timed out");
        }, NodePolicy.DEFAULT))
        .add(new Node("vector", List.of("embed"), List.of(), value("v"), NodePolicy.DEFAULT))
        .add(Node.source("broken", ctx -> {
          throw new IllegalStateException("bug");
        }, NodePolicy.DEFAULT))
        .add(new Node("after-broken", List.of("broken"), List.of(), value("x"), NodePolicy.DEFAULT))
        .build();
    DagResult r = executor.run(dag, Duration.ofSeconds(5));
    assertEquals(NodeStatus.TIMEOUT, r.outcome("embed").status());
    assertTrue(r.outcome("embed").late());
    assertEquals(NodeStatus.SKIPPED, r.outcome("vector").status());
    assertTrue(r.outcome("vector").late(), "skipped because its input timed out");
    assertFalse(r.outcome("after-broken").late(), "skipped because its input failed");
    assertFalse(r.outcome("broken").late());
  }

  @Test
  void should_resolve_every_node_of_random_dags_by_the_finish_deadline() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("DagExecutorTest seed: -Dtests.seed=" + seed);
    Random random = new Random(seed);
    CountDownLatch release = new CountDownLatch(1); // frees the blocking nodes when the test ends
    try {
      for (int round = 0; round < 30; round++) {
        randomRound(random, seed, round, release);
      }
    } finally {
      release.countDown();
    }
  }

  private void randomRound(Random random, long seed, int round, CountDownLatch release) {
    int n = 2 + random.nextInt(12);
    Dag.Builder b = Dag.builder();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> req = new ArrayList<>();
      List<String> acc = new ArrayList<>();
      for (String earlier : names) {
        int roll = random.nextInt(6);
        if (roll == 0) {
          req.add(earlier);
        } else if (roll == 1) {
          acc.add(earlier);
        }
      }
      // 0 throws, 1 sleeps past every limit, 2 blocks ignoring interrupts and its flag, else a short sleep
      int behaviour = random.nextInt(6);
      long sleep = random.nextInt(40);
      NodeTask<String> task = ctx -> {
        switch (behaviour) {
          case 0 -> throw new IOException("io");
          case 1 -> Thread.sleep(2_000);
          case 2 -> awaitIgnoringInterrupts(release);
          default -> Thread.sleep(sleep);
        }
        return "v";
      };
      boolean exempt = random.nextInt(4) == 0; // merges are slow, block and throw too
      java.util.function.Supplier<?> fallback = switch (random.nextInt(4)) {
        case 0 -> () -> "fallback";
        case 1 -> () -> {
          throw new IllegalStateException("fallback broke");
        };
        default -> null;
      };
      NodePolicy p = new NodePolicy(random.nextBoolean() ? Duration.ofMillis(30) : null,
          1 + random.nextInt(2), Duration.ofMillis(2), NodePolicy.TRANSIENT, fallback, exempt);
      String name = "n" + i;
      b.add(new Node(name, req, acc, task, p));
      names.add(name);
    }
    Dag dag = b.build();
    long t = System.nanoTime();
    DagResult r = executor.run(dag, Duration.ofMillis(100), Duration.ofMillis(50));
    double ms = (System.nanoTime() - t) / 1e6;
    assertTrue(ms < 3 * 150, "seed " + seed + " round " + round + ": took " + ms + " ms for 100 + 50 ms");
    assertEquals(n, r.outcomes().size());
    for (Node node : dag.nodes().values()) {
      NodeOutcome o = r.outcome(node.name());
      assertTrue(o.status() != null, "seed " + seed + ": " + node.name() + " unresolved");
      if (o.status() == NodeStatus.OK) {
        for (String req : node.requires()) {
          assertTrue(r.outcome(req).status().delivered(), "seed " + seed + ": " + node.name() + " ran without " + req);
        }
      }
    }
  }
}
