package io.quarry.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded store keeps the store contract, and its log survives a torn tail. */
class EmbeddedGraphStoreTest extends GraphStoreContract {

  @Override
  protected GraphStore open(Path dir) throws Exception {
    return EmbeddedGraphStore.open(dir);
  }

  private static Extraction doc(String id, String... keys) {
    List<Mention> ms = java.util.Arrays.stream(keys).map(k -> new Mention(k, k, Mention.PROPER)).toList();
    return new Extraction(id, "h-" + id, id, null, "test",
        List.of(new PassageFacts(0, ms, List.of(new Fact(keys[0], keys[1], Fact.CO_OCCURS)))));
  }

  @Test
  void should_keep_what_was_committed_when_a_crash_tears_the_last_record() throws Exception {
    Path own = dir.resolve("torn");
    try (GraphStore s = EmbeddedGraphStore.open(own)) {
      s.put(doc("a", "alpha one", "beta two"));
      s.commit();
      s.put(doc("b", "gamma three", "delta four"));
      s.commit();
    }
    Path log = own.resolve(EmbeddedGraphStore.FILE);
    long size = Files.size(log);
    try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
      c.truncate(size - 3); // the second record loses its last bytes, as a crash mid-write would
    }
    try (GraphStore s = EmbeddedGraphStore.open(own)) {
      assertEquals(java.util.Set.of("a"), s.documents().keySet());
      assertEquals(2, s.stats().entities());
      s.put(doc("c", "epsilon five", "zeta six")); // and the log takes writes again after the cut
      s.commit();
    }
    try (GraphStore s = EmbeddedGraphStore.open(own)) {
      assertEquals(java.util.Set.of("a", "c"), s.documents().keySet());
    }
  }

  @Test
  void should_compact_a_log_of_mostly_replaced_records_and_keep_the_graph() throws Exception {
    Path own = dir.resolve("compact");
    String big = "x".repeat(2000);
    try (GraphStore s = EmbeddedGraphStore.open(own)) {
      for (int i = 0; i < 2000; i++) { // one document rewritten 2,000 times: ~4 MB of dead records
        s.put(doc("a", "alpha " + big, "beta " + (i % 7)));
      }
      s.commit();
      assertTrue(Files.size(own.resolve(EmbeddedGraphStore.FILE)) < 100_000,
          "log after compaction: " + Files.size(own.resolve(EmbeddedGraphStore.FILE)));
    }
    try (GraphStore s = EmbeddedGraphStore.open(own)) {
      assertEquals(1, s.stats().documents());
      assertEquals(2, s.stats().entities());
      assertEquals(1, s.stats().relations());
    }
  }
}
