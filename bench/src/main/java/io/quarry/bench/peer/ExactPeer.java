package io.quarry.bench.peer;

import io.quarry.bench.backend.BenchMode;
import io.quarry.bench.backend.RankedHit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The physical limit of the vector leg: an exact scan of every passage vector Quarry stored, a
 * document scoring as its best passage, exactly as the vector leg's block-join HNSW query scores
 * it (Lucene's dot-product similarity {@code (1 + cos) / 2}), under the same as-of filter. What
 * HNSW's recall is measured against. In-process, single-threaded: one dot product per passage.
 */
final class ExactPeer implements Peer {

  private static final PeerLeg VECTOR = new PeerLeg("exact", "vector", BenchMode.VECTOR, true);

  private PeerCorpus.Vectors vectors;

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public String describe() {
    return "exact brute-force k-NN over Quarry's stored passage vectors (in-process, 1 thread)";
  }

  @Override
  public List<PeerLeg> legs() {
    return List.of(VECTOR);
  }

  @Override
  public boolean needsVectors() {
    return true;
  }

  @Override
  public void index(PeerCorpus corpus) {
    this.vectors = corpus.vectors();
  }

  @Override
  public PeerAnswer search(PeerLeg leg, PeerQuery query) {
    if (vectors == null) {
      throw new IllegalStateException("search before index");
    }
    long t = System.nanoTime();
    List<RankedHit> hits = top(vectors, query.vector(), query.k(), query.asOf());
    return new PeerAnswer(hits, (System.nanoTime() - t) / 1e6);
  }

  /**
   * The {@code k} documents whose best passage is nearest to {@code q}, best first; with {@code
   * asOf}, only undated documents and those published by that day, as Quarry's as-of filter
   * admits them.
   */
  static List<RankedHit> top(PeerCorpus.Vectors vectors, float[] q, int k, java.time.LocalDate asOf) {
    int dim = vectors.dimension();
    if (q.length != dim) {
      throw new IllegalArgumentException("illegal query vector: " + q.length + " floats, index has " + dim);
    }
    float[] flat = vectors.flat();
    Map<String, Float> best = new HashMap<>();
    java.time.LocalDate[] dates = vectors.dates();
    for (int p = 0, off = 0; p < vectors.size(); p++, off += dim) {
      if (asOf != null && dates[p] != null && dates[p].isAfter(asOf)) {
        continue;
      }
      float dot = 0;
      for (int i = 0; i < dim; i++) {
        dot += q[i] * flat[off + i];
      }
      best.merge(vectors.docIds()[p], dot, Math::max);
    }
    PriorityQueue<Map.Entry<String, Float>> heap = new PriorityQueue<>(
        (a, b) -> a.getValue().equals(b.getValue()) ? b.getKey().compareTo(a.getKey())
            : Float.compare(a.getValue(), b.getValue()));
    for (Map.Entry<String, Float> e : best.entrySet()) {
      heap.add(e);
      if (heap.size() > k) {
        heap.poll();
      }
    }
    List<RankedHit> out = new ArrayList<>(heap.size());
    while (!heap.isEmpty()) {
      Map.Entry<String, Float> e = heap.poll();
      out.add(new RankedHit(e.getKey(), Math.max((1 + e.getValue()) / 2, 0f), null));
    }
    java.util.Collections.reverse(out);
    return out;
  }

  @Override
  public void close() {
    vectors = null;
  }
}
