package io.quarry.bench.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.backend.RankedHit;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process protocol against a real child (a stand-in peer run by the source launcher). */
class PeerProcessTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private PeerProcess peer;

  @BeforeEach
  void start() throws IOException, URISyntaxException {
    Path source = Path.of(PeerProcessTest.class.getResource("/peer/FakePeer.java").toURI());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    peer = new PeerProcess("fake", List.of(java, source.toString()), tmp, tmp.resolve("fake.log"));
  }

  @AfterEach
  void stop() {
    peer.close();
  }

  @Test
  void should_read_hits_dropping_later_duplicates_and_ignoring_stray_stdout() throws IOException {
    PeerAnswer a = peer.search("bm25", new PeerQuery("noisy", 10, null), WAIT);
    assertEquals(List.of("d1", "d2"), a.hits().stream().map(RankedHit::id).toList());
    assertEquals(2.5, a.hits().get(0).score());
    assertEquals(0.25, a.searchMs());
    // and the next request gets its own answer, not the stray line
    assertEquals(1, peer.search("bm25", new PeerQuery("again", 1, new float[] {1f, 0f}), WAIT).hits().size());
  }

  @Test
  void should_fail_with_the_peers_own_error() {
    IOException e = assertThrows(IOException.class,
        () -> peer.search("bm25", new PeerQuery("fail", 10, null), WAIT));
    assertTrue(e.getMessage().contains("'search' failed: asked to fail"), e.getMessage());
  }

  @Test
  void should_fail_quoting_the_log_when_the_peer_exits() {
    IOException e = assertThrows(IOException.class,
        () -> peer.search("bm25", new PeerQuery("crash", 10, null), WAIT));
    assertTrue(e.getMessage().contains("exited during 'search'"), e.getMessage());
    assertTrue(e.getMessage().contains("fake peer: crashing as asked"), e.getMessage());
  }

  @Test
  void should_give_up_on_a_silent_peer_after_its_timeout() throws IOException {
    peer.search("bm25", new PeerQuery("warm", 1, null), WAIT); // started and answering
    IOException e = assertThrows(IOException.class,
        () -> peer.search("bm25", new PeerQuery("hang", 10, null), Duration.ofMillis(300)));
    assertTrue(e.getMessage().contains("no answer to 'search' within"), e.getMessage());
  }
}
