package io.quarry.embeddings.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used map from query text to its vector. Size 0 disables it. Stores
 * and returns copies so callers cannot alter cached vectors. Thread-safe (one lock; every
 * operation is O(1)).
 */
final class QueryCache {

  private final int capacity;
  private final LinkedHashMap<String, float[]> map;

  QueryCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("illegal queryCacheSize: " + capacity + ", must be at least 0");
    }
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > QueryCache.this.capacity;
      }
    };
  }

  /** The cached vector (a copy), or null. */
  synchronized float[] get(String query) {
    float[] v = map.get(query);
    return v == null ? null : v.clone();
  }

  synchronized void put(String query, float[] vector) {
    if (capacity > 0) {
      map.put(query, vector.clone());
    }
  }

  synchronized int size() {
    return map.size();
  }
}
