package io.quarry.graph.extract;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Instances of a class that is not thread-safe (OpenNLP's taggers), lent to one caller at a time
 * and kept for the next. A pool, not a {@code ThreadLocal}: searches and ingestion run on virtual
 * threads, one per task, so a thread local would build a new instance for every call.
 *
 * @param <T> what is pooled
 */
public final class Pool<T> {

  private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();
  private final Supplier<T> create;

  public Pool(Supplier<T> create) {
    this.create = create;
  }

  /** Runs {@code work} with an instance no one else holds meanwhile. */
  public <R> R with(Function<T, R> work) {
    T t = idle.poll();
    if (t == null) {
      t = create.get();
    }
    try {
      return work.apply(t);
    } finally {
      idle.add(t);
    }
  }
}
