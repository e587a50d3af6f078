package io.quarry.core.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-stage wall times of one search ({@code timings_ms}), in milliseconds to two decimals.
 * Stages may be recorded from several threads (legs run in parallel).
 */
public final class StageTimings {

  /** A stage's work. */
  @FunctionalInterface
  public interface Stage<T, E extends Exception> {
    T run() throws E;
  }

  private final long start = System.nanoTime();
  private final Map<String, Double> ms = new ConcurrentHashMap<>();

  /** Runs {@code stage} and records its time under {@code name}. */
  public <T, E extends Exception> T time(String name, Stage<T, E> stage) throws E {
    long t = System.nanoTime();
    try {
      return stage.run();
    } finally {
      put(name, t);
    }
  }

  private void put(String name, long sinceNanos) {
    ms.put(name, round((System.nanoTime() - sinceNanos) / 1e6));
  }

  /** The timings: {@code order} first, then any other stage alphabetically, then {@code total}. */
  public Map<String, Double> ordered(List<String> order) {
    Map<String, Double> out = new LinkedHashMap<>();
    order.forEach(s -> {
      if (ms.containsKey(s)) {
        out.put(s, ms.get(s));
      }
    });
    new TreeMap<>(ms).forEach(out::putIfAbsent);
    out.remove("total");
    out.put("total", round((System.nanoTime() - start) / 1e6));
    return out;
  }

  private static double round(double ms) {
    return Math.round(ms * 100) / 100.0;
  }
}
