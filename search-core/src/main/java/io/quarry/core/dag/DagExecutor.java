package io.quarry.core.dag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Dag} under one deadline, and returns by that deadline plus a bounded finishing
 * time whatever a node does.
 *
 * <p>A node starts as soon as all its inputs have ended, so independent nodes run in parallel
 * waves on the injected worker pool. Each attempt may have its own timeout; a failure the policy
 * calls transient is retried after a doubling backoff while time remains; a node that finally
 * fails delivers its fallback if it has one. A node whose required input did not deliver is
 * skipped; a merge node (inputs it only accepts) runs with what arrived and sees what is missing.
 * A node whose work throws a timeout of its own (a dependency's {@link TimeoutException} or
 * socket timeout) ends as {@link NodeStatus#TIMEOUT}, not as a failure.
 *
 * <p>Two limits bound a run:
 *
 * <ul>
 *   <li>At the <b>deadline</b> ({@code budget} from the start) every deadline-bound node still
 *       running is cancelled (its flag set, its thread interrupted) and ends as {@link
 *       NodeStatus#TIMEOUT}; those not yet started end as {@link NodeStatus#SKIPPED}. Merges
 *       (deadline-exempt nodes) then run at once with whatever arrived.
 *   <li>At the <b>finish deadline</b> ({@code budget + finish}) every node still unresolved,
 *       merges included, is cancelled and ends as {@link NodeStatus#TIMEOUT} with the reason
 *       {@value #FINISH_DEADLINE}, and {@link #run} returns. The caller also stops waiting then,
 *       even if the timer thread could not fire.
 * </ul>
 *
 * <p>Whatever goes wrong inside the executor's own work for a node (a fallback supplier that
 * throws, a pool that rejects a task or a timer) resolves that node as {@link NodeStatus#FAILED}
 * with the reason, so no node is ever left unresolved. A run on a shut-down executor fails fast.
 *
 * <p>Thread-safe; one executor serves all requests. Overhead per node is a task submission and a
 * few map operations under one lock (see the JMH {@code DagBenchmark}).
 */
public final class DagExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(DagExecutor.class);

  /** The reason of a node cut off at the finish deadline. */
  public static final String FINISH_DEADLINE = "finish deadline";

  /** The finishing time {@link #run(Dag, Duration)} allows merges after the deadline. */
  public static final Duration DEFAULT_FINISH = Duration.ofMillis(50);

  private final ExecutorService workers;
  private final ScheduledExecutorService timers;

  /**
   * @param workers runs node attempts; its threads may block
   * @param timers fires timeouts, retries and deadlines; its tasks are tiny
   */
  public DagExecutor(ExecutorService workers, ScheduledExecutorService timers) {
    this.workers = workers;
    this.timers = timers;
  }

  /** Runs {@code dag}; deadline-bound nodes get {@code budget}, merges {@link #DEFAULT_FINISH} more. */
  public DagResult run(Dag dag, Duration budget) {
    return run(dag, budget, DEFAULT_FINISH);
  }

  /**
   * Runs {@code dag}: deadline-bound nodes get {@code budget} from now, and every node, merges
   * included, {@code budget + finish}. Returns by then.
   *
   * @throws IllegalStateException when the worker pool or the timers are shut down
   */
  public DagResult run(Dag dag, Duration budget, Duration finish) {
    if (workers.isShutdown() || timers.isShutdown()) {
      throw new IllegalStateException("the dag executor is shut down");
    }
    Run run = new Run(dag, budget, finish);
    run.start();
    try {
      long wait = run.finishNanos - System.nanoTime();
      if (!run.done.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
        run.onFinishDeadline(); // the timer did not fire in time (a busy or dead timer thread)
      }
    } catch (InterruptedException e) {
      run.onFinishDeadline(); // the caller gave up: cancel everything still running
      Thread.currentThread().interrupt();
    }
    DagResult result = run.result();
    if (LOG.isDebugEnabled()) {
      result.trace().forEach(t -> LOG.debug("dag node {}", t));
    }
    return result;
  }

  /** The state of one run; every field is guarded by {@code this}. */
  private final class Run {
    private final Dag dag;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    private final long finishNanos;
    private final Map<String, State> states = new LinkedHashMap<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private int unresolved;
    private boolean deadlinePassed;
    private boolean finishPassed;
    private final List<ScheduledFuture<?>> runTimers = new ArrayList<>(2);

    Run(Dag dag, Duration budget, Duration finish) {
      this.dag = dag;
      this.deadlineNanos = startNanos + Math.max(0, budget.toNanos());
      this.finishNanos = deadlineNanos + Math.max(0, finish.toNanos());
      dag.nodes().values().forEach(n -> states.put(n.name(), new State(n)));
      this.unresolved = states.size();
    }

    synchronized void start() {
      if (unresolved == 0) {
        done.countDown();
        return;
      }
      try {
        runTimers.add(timers.schedule(this::onDeadline, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
        runTimers.add(timers.schedule(this::onFinishDeadline, Math.max(0, finishNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (RejectedExecutionException e) {
        for (State s : new ArrayList<>(states.values())) {
          resolve(s, NodeStatus.FAILED, null, "timers rejected the run: " + e.getMessage());
        }
        return;
      }
      for (State s : new ArrayList<>(states.values())) {
        if (s.node.inputs().isEmpty() && s.status == null && s.running == null) {
          launch(s);
        }
      }
    }

    private void launch(State s) {
      if (finishPassed || (deadlinePassed && !s.node.policy().exemptFromDeadline())) {
        resolve(s, NodeStatus.SKIPPED, null, finishPassed ? FINISH_DEADLINE : "deadline");
        return;
      }
      attempt(s);
    }

    private void attempt(State s) {
      int attempt = ++s.attempts;
      if (s.startNanos < 0) {
        s.startNanos = System.nanoTime();
      }
      Map<String, Object> inputs = new LinkedHashMap<>();
      Map<String, String> missing = new LinkedHashMap<>();
      for (String in : s.node.inputs()) {
        State i = states.get(in);
        if (i.status.delivered()) {
          inputs.put(in, i.output);
        } else {
          missing.put(in, i.status.wireName() + (i.reason == null ? "" : ": " + i.reason));
        }
      }
      Cancellation cancel = new Cancellation();
      s.cancellation = cancel;
      NodeContext ctx = new NodeContext(inputs, missing, cancel, attempt);
      try {
        s.running = workers.submit(() -> execute(s, attempt, ctx));
        if (s.node.policy().timeout() != null) {
          s.timeout = timers.schedule(() -> onTimeout(s, attempt),
              s.node.policy().timeout().toNanos(), TimeUnit.NANOSECONDS);
        }
      } catch (RejectedExecutionException e) {
        cancelAttempt(s);
        resolve(s, NodeStatus.FAILED, null, "executor rejected the task: " + e.getMessage());
      }
    }

    private void execute(State s, int attempt, NodeContext ctx) {
      Object out;
      try {
        out = s.node.task().run(ctx);
      } catch (Throwable t) {
        onFailure(s, attempt, t);
        return;
      }
      onSuccess(s, attempt, out);
    }

    private synchronized void onSuccess(State s, int attempt, Object out) {
      if (s.status != null || attempt != s.attempts) {
        return; // late: the attempt was already timed out or abandoned
      }
      cancelTimers(s);
      resolve(s, NodeStatus.OK, out, null);
    }

    private synchronized void onFailure(State s, int attempt, Throwable t) {
      if (s.status != null || attempt != s.attempts) {
        return;
      }
      cancelTimers(s);
      NodePolicy p = s.node.policy();
      String reason = Timeouts.describe(t);
      long backoff = p.backoff().toNanos() << Math.min(20, s.attempts - 1);
      long limit = p.exemptFromDeadline() ? finishNanos : deadlineNanos;
      boolean timeLeft = System.nanoTime() + backoff < limit;
      if (s.attempts < p.maxAttempts() && p.retryable().test(t) && timeLeft && !deadlinePassed) {
        s.lastError = reason;
        try {
          s.retry = timers.schedule(() -> retry(s), backoff, TimeUnit.NANOSECONDS);
          return;
        } catch (RejectedExecutionException e) {
          reason += "; the retry could not be scheduled: " + e.getMessage();
        }
      }
      fail(s, Timeouts.isTimeout(t) ? NodeStatus.TIMEOUT : NodeStatus.FAILED, reason);
    }

    private synchronized void retry(State s) {
      if (s.status == null) {
        s.retry = null;
        attempt(s);
      }
    }

    private synchronized void onTimeout(State s, int attempt) {
      if (s.status != null || attempt != s.attempts) {
        return;
      }
      cancelAttempt(s);
      fail(s, NodeStatus.TIMEOUT, "node timeout " + s.node.policy().timeout().toMillis() + " ms");
    }

    /** Ends a node that did not deliver, with its fallback when it has one and it delivers. */
    private void fail(State s, NodeStatus status, String reason) {
      if (s.node.policy().fallback() == null) {
        resolve(s, status, null, reason);
        return;
      }
      Object fallback;
      try {
        fallback = s.node.policy().fallback().get();
      } catch (Throwable t) {
        resolve(s, status, null, reason + "; the fallback failed: " + Timeouts.describe(t));
        return;
      }
      resolve(s, NodeStatus.FALLBACK, fallback, reason);
    }

    synchronized void onDeadline() {
      if (deadlinePassed) {
        return;
      }
      deadlinePassed = true;
      cutOff(false, "deadline");
    }

    synchronized void onFinishDeadline() {
      if (finishPassed) {
        return;
      }
      onDeadline();
      finishPassed = true;
      cutOff(true, FINISH_DEADLINE);
      if (unresolved > 0) { // cannot happen: every node was just resolved; never hang on it
        LOG.error("dag run left {} nodes unresolved at the finish deadline", unresolved);
        done.countDown();
      }
    }

    /**
     * Ends every unresolved node (merges too when {@code merges}): one that runs or waits for a
     * retry is cancelled and times out, one not started is skipped.
     */
    private void cutOff(boolean merges, String reason) {
      for (State s : new ArrayList<>(states.values())) {
        if (s.status != null || (!merges && s.node.policy().exemptFromDeadline())) {
          continue;
        }
        if (s.running != null || s.retry != null) {
          cancelAttempt(s);
          resolve(s, NodeStatus.TIMEOUT, null, reason);
        } else {
          resolve(s, NodeStatus.SKIPPED, null, reason);
        }
      }
    }

    private void cancelAttempt(State s) {
      if (s.cancellation != null) {
        s.cancellation.cancel();
      }
      if (s.running != null) {
        // The interrupt reaches blocking waits (an embedding, I/O); the flag reaches CPU loops. It is
        // safe for the index: QuarryIndex reads through MMapDirectory, whose reads ignore interrupts
        // (one would close NIOFSDirectory's shared FileChannel for every reader).
        s.running.cancel(true);
      }
      cancelTimers(s);
    }

    private void cancelTimers(State s) {
      if (s.timeout != null) {
        s.timeout.cancel(false);
        s.timeout = null;
      }
      if (s.retry != null) {
        s.retry.cancel(false);
        s.retry = null;
      }
    }

    private void resolve(State s, NodeStatus status, Object output, String reason) {
      if (s.status != null) {
        return;
      }
      s.status = status;
      s.output = status.delivered() ? output : null;
      // A node that recovered on a retry says from what, so the trace shows the flakiness.
      s.reason = status == NodeStatus.OK && s.lastError != null ? "recovered after: " + s.lastError : reason;
      s.late = status == NodeStatus.TIMEOUT || (status == NodeStatus.SKIPPED
          && (s.lateInput || "deadline".equals(reason) || FINISH_DEADLINE.equals(reason)));
      s.endNanos = System.nanoTime();
      unresolved--;
      for (String d : dag.dependants(s.node.name())) {
        State ds = states.get(d);
        if (ds.status != null || ds.running != null || !allInputsEnded(ds)) {
          continue;
        }
        State failedRequired = ds.node.requires().stream().map(states::get)
            .filter(r -> !r.status.delivered()).findFirst().orElse(null);
        if (failedRequired != null) {
          ds.lateInput = failedRequired.late;
          resolve(ds, NodeStatus.SKIPPED, null, "input " + failedRequired.node.name() + " " + failedRequired.status.wireName());
        } else {
          launch(ds);
        }
      }
      if (unresolved == 0) {
        runTimers.forEach(t -> t.cancel(false));
        done.countDown();
      }
    }

    private boolean allInputsEnded(State s) {
      for (String in : s.node.inputs()) {
        if (states.get(in).status == null) {
          return false;
        }
      }
      return true;
    }

    synchronized DagResult result() {
      Map<String, NodeOutcome> outcomes = new LinkedHashMap<>();
      List<NodeTrace> trace = new ArrayList<>();
      for (State s : states.values()) {
        NodeStatus status = s.status == null ? NodeStatus.SKIPPED : s.status;
        outcomes.put(s.node.name(), new NodeOutcome(s.node.name(), status, s.output, s.reason, s.attempts, s.late));
        trace.add(new NodeTrace(s.node.name(), status, s.startNanos < 0 ? -1 : ms(s.startNanos),
            ms(s.endNanos > 0 ? s.endNanos : System.nanoTime()), s.attempts, size(s.output), s.reason));
      }
      trace.sort(Comparator.comparingDouble(t -> t.startMs() < 0 ? Double.MAX_VALUE : t.startMs()));
      return new DagResult(outcomes, trace, deadlinePassed, ms(System.nanoTime()));
    }

    private double ms(long nanos) {
      return Math.round((nanos - startNanos) / 1e4) / 100.0;
    }
  }

  private static int size(Object o) {
    if (o == null) {
      return 0;
    }
    if (o instanceof Collection<?> c) {
      return c.size();
    }
    if (o instanceof Sized s) {
      return s.size();
    }
    if (o instanceof Map<?, ?> m) {
      return m.size();
    }
    if (o instanceof float[] f) {
      return f.length;
    }
    return 1;
  }

  /** Mutable per-node state of one run, guarded by the run. */
  private static final class State {
    final Node node;
    NodeStatus status;
    Object output;
    String reason;
    String lastError;
    boolean late;
    /** Set when a required input was late: the node is skipped for time. */
    boolean lateInput;
    int attempts;
    long startNanos = -1;
    long endNanos;
    Cancellation cancellation;
    Future<?> running;
    ScheduledFuture<?> timeout;
    ScheduledFuture<?> retry;

    State(Node node) {
      this.node = node;
    }
  }
}
