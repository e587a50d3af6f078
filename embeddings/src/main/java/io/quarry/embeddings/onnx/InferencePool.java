package io.quarry.embeddings.onnx;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed pool of inference threads (ONNX Runtime encoders and the PyTorch reranker) whose queue serves urgent tasks (queries) before normal ones
 * (passage batches), each kind in arrival order. Without this, a query arriving during a large
 * ingest would wait behind every queued passage batch; with it, it waits for at most the batches
 * already running.
 *
 * <p>Thread-safe. Cost: one priority-queue insertion per task, O(log queued).
 */
public final class InferencePool implements AutoCloseable {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ThreadPoolExecutor executor;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * Starts {@code workers} daemon threads named after {@code name}.
   *
   * @param workers threads, at least 1
   * @param name a short label for the thread names, e.g. the model id
   */
  public InferencePool(int workers, String name) {
    int pool = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "quarry-inference-" + pool + "-" + n.incrementAndGet() + "-" + name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Queues a task.
   *
   * @param urgent true to run before every queued non-urgent task
   * @throws RejectedExecutionException after {@link #close()}
   */
  public <T> Future<T> submit(Callable<T> task, boolean urgent) {
    Task<T> t = new Task<>(task, urgent ? 0 : 1, sequence.getAndIncrement());
    executor.execute(t);
    return t;
  }

  /** Lets queued tasks finish (up to a minute), then stops the threads. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static final class Task<T> extends FutureTask<T> implements Comparable<Task<?>> {

    private final int priority;
    private final long sequence;

    Task(Callable<T> callable, int priority, long sequence) {
      super(callable);
      this.priority = priority;
      this.sequence = sequence;
    }

    @Override
    public int compareTo(Task<?> other) {
      int c = Integer.compare(priority, other.priority);
      return c != 0 ? c : Long.compare(sequence, other.sequence);
    }
  }
}
