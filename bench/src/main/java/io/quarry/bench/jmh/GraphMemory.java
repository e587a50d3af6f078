package io.quarry.bench.jmh;

import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import io.quarry.graph.store.EmbeddedGraphStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The embedded store's heap at scale: builds a graph of about {@code entities} entities and
 * {@code edges} edges (mentions and relations, from synthetic one-passage documents) and prints
 * the live heap after a full GC, and the bytes per edge, for the whole store and for its adjacency
 * rows alone.
 *
 * <pre>
 * java -Xmx1g -cp bench/target/quarry-bench.jar io.quarry.bench.jmh.GraphMemory 1000000 5000000
 * </pre>
 */
public final class GraphMemory {

  private GraphMemory() {}

  public static void main(String[] args) throws IOException {
    int entities = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long edges = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
    // each document: 5 mentions and 4 relations (9 edges); entities drawn so each is named ~2x
    int perDoc = 9;
    int docs = (int) (edges / perDoc);
    int drawn = Math.max(entities, 1);
    Path dir = Files.createTempDirectory("quarry-graph-memory");
    long before = used();
    long t = System.nanoTime();
    Random r = new Random(7);
    try (EmbeddedGraphStore store = EmbeddedGraphStore.open(dir)) {
      for (int d = 0; d < docs; d++) {
        List<Mention> ms = new ArrayList<>(5);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ms.size() < 5) {
          int e = d < drawn / 5 ? d * 5 + ms.size() : r.nextInt(drawn); // every entity at least once
          String key = "entity " + e;
          if (seen.add(key)) {
            ms.add(new Mention(key, "Entity " + e, Mention.PROPER));
          }
        }
        List<Fact> facts = new ArrayList<>(4);
        for (int i = 1; i < 5; i++) {
          facts.add(new Fact(ms.get(0).key(), ms.get(i).key(), Fact.CO_OCCURS));
        }
        store.put(new Extraction("doc" + d, "h", "", null, "synthetic", List.of(new PassageFacts(0, ms, facts))));
        if (d > 0 && d % 100_000 == 0) {
          System.out.printf(Locale.ROOT, "%,d documents, %.0f s%n", d, (System.nanoTime() - t) / 1e9);
        }
      }
      store.commit();
      var s = store.stats();
      long heap = used() - before;
      System.out.printf(Locale.ROOT, "built in %.0f s: %s%n", (System.nanoTime() - t) / 1e9, s);
      System.out.printf(Locale.ROOT, "heap %.0f MB for %,d nodes and %,d edges: %.1f bytes per edge"
              + " (adjacency rows alone %.0f MB, %.1f bytes per edge); log %.0f MB on disk%n",
          heap / 1e6, s.nodes(), s.edges(), heap / (double) s.edges(), store.adjacencyBytes() / 1e6,
          store.adjacencyBytes() / (double) s.edges(), Files.size(dir.resolve(EmbeddedGraphStore.FILE)) / 1e6);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long used() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
