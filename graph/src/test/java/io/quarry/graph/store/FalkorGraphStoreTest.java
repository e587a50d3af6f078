package io.quarry.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.falkordb.Driver;
import com.falkordb.FalkorDB;
import io.quarry.core.dag.Timeouts;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.GraphStats;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real FalkorDB ({@link FalkorServer}: valkey-server with the module, on a
 * free port, for the whole class), a fresh graph per test; reopening is a new client on the same
 * server and graph. Then what is FalkorDB's own: failures that name the server, timeouts,
 * parameters written as literals.
 */
class FalkorGraphStoreTest extends GraphStoreContract {

  private static final long TIMEOUT_MS = 10_000;
  private static final AtomicInteger GRAPHS = new AtomicInteger();
  private static FalkorServer server;

  /** One graph per test directory, so a reopen in the same test finds the same graph. */
  private final Map<Path, String> graphs = new HashMap<>();

  @BeforeAll
  static void startServer() throws Exception {
    server = FalkorServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected GraphStore open(Path dir) throws IOException {
    String graph = graphs.computeIfAbsent(dir, d -> "quarry-test-" + GRAPHS.incrementAndGet());
    return FalkorGraphStore.open(server.url(), graph, TIMEOUT_MS);
  }

  @Test
  void should_say_falkordb() {
    assertEquals("falkordb", store().kind());
  }

  @Test
  void should_name_the_server_but_not_the_password_when_it_cannot_connect() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "redis://quarry:secret@127.0.0.1:" + port;
    IOException e = assertThrows(IOException.class, () -> FalkorGraphStore.open(url, "g", 1_000));
    assertTrue(e.getMessage().contains("redis://127.0.0.1:" + port), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FalkorGraphStore.open("http://x:1", "g", 1_000));
    assertThrows(IllegalArgumentException.class, () -> FalkorGraphStore.open(server.url(), " ", 1_000));
    assertThrows(IllegalArgumentException.class, () -> FalkorGraphStore.open(server.url(), "g", 0));
  }

  @Test
  void should_fail_once_closed() throws IOException {
    store().close();
    IOException e = assertThrows(IOException.class, () -> store().stats());
    assertTrue(e.getMessage().contains(server.url()), e.getMessage());
  }

  @Test
  void should_throw_a_timeout_exception_when_a_read_runs_out_of_time() throws Exception {
    String graph = "quarry-test-slow-" + GRAPHS.incrementAndGet();
    try (GraphStore indexed = FalkorGraphStore.open(server.url(), graph, TIMEOUT_MS);
        Driver driver = FalkorDB.driver("127.0.0.1", server.port())) {
      assertEquals(0, indexed.stats().entities());
      // enough entities that a substring scan of them all takes well over a millisecond (~40 ms)
      driver.graph(graph).query("UNWIND range(1, 30000) AS i CREATE (:Entity {key: 'k' + toString(i), "
          + "lower: ['k' + toString(i)], passages: 1})");
    }
    try (GraphStore slow = FalkorGraphStore.open(server.url(), graph, 1)) {
      IOException e = assertThrows(IOException.class, () -> slow.searchEntities("no such entity", 10));
      assertTrue(e.getClass().getSimpleName().endsWith("TimeoutException"), e.toString());
      assertTrue(Timeouts.isTimeout(e));
      assertTrue(e.getMessage().contains(server.url()), e.getMessage());
    }
  }

  @Test
  void should_leave_the_graph_as_it_was_when_a_put_runs_out_of_time() throws Exception {
    putFixture();
    GraphStats before = store().stats();
    Map<String, Float> edges = edgesOf(store().neighbourhood(List.of(J), List.of(), 3, 100, 100));
    List<PassageFacts> passages = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      // new ordinals: the old passages would go as well as stanley hall
      passages.add(new PassageFacts(10 + i, List.of(m(J, "JPI", Mention.PROPER), m(C, "Clark", Mention.PROPER),
          m("big entity", "Big Entity", Mention.PROPER)), List.of()));
    }
    Extraction big = new Extraction("d1", "big", "", LocalDate.of(2022, 1, 1), "test", passages);
    String graph = graphs.get(dir);
    // at 1 ms the write query runs out (its reads usually fit; if one does not, the put fails
    // before writing, and the graph is as it was all the same)
    try (GraphStore hurried = FalkorGraphStore.open(server.url(), graph, 1)) {
      IOException e = assertThrows(IOException.class, () -> hurried.put(big));
      assertTrue(Timeouts.isTimeout(e), e.toString());
      System.out.println("FalkorGraphStoreTest: a 5000-passage put at 1 ms: " + e.getMessage());
    }
    // nothing of it is left, and what was there is whole (edges still reach their nodes)
    assertEquals(before, store().stats());
    assertEquals("h1", store().documents().get("d1"));
    assertEquals(edges, edgesOf(store().neighbourhood(List.of(J), List.of(), 3, 100, 100)));
    assertEquals(3, store().link(List.of(J)).get(J).passages());
    store().put(journal());
    store().commit();
    assertEquals(before.edges(), store().stats().edges());
  }

  @Test
  void should_write_parameters_as_cypher_literals() {
    assertEquals("\"a\\\\\\\"b\"", FalkorCypher.literal("a\\\"b"));
    assertEquals("\"line\\nnext\\ttab \"", FalkorCypher.literal("line\nnext\ttab\u0000"));
    assertEquals("[1, \"x\", null, true]", FalkorCypher.literal(java.util.Arrays.asList(1L, "x", null, true)));
    assertEquals("{k: [\"v\"], n: 2}", FalkorCypher.literal(new java.util.TreeMap<>(Map.of("k", List.of("v"),
        "n", 2))));
    assertEquals("\"2020-05-01\"", FalkorCypher.literal(LocalDate.of(2020, 5, 1)));
    assertThrows(IllegalArgumentException.class, () -> FalkorCypher.literal(Map.of("a b", 1)));
    assertThrows(IllegalArgumentException.class, () -> FalkorCypher.literal(Double.NaN));
  }
}
