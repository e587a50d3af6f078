package io.quarry.bench.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarry.bench.Fixtures;
import io.quarry.bench.data.Corpus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a stand-in of the server's HTTP API (JDK HttpServer) that records the requests. */
class HttpSearchBackendTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final List<String> requests = new ArrayList<>();
  private final List<JsonNode> searchBodies = new ArrayList<>();
  private HttpServer server;
  private long documents;
  private String searchAnswer = """
      {"hits": [{"id": "n1", "title": "t", "text": "x", "date": "2023-06-10", "score": 2.5,
                 "legs": {}},
                {"id": "n4", "title": "t", "text": "x", "score": 1.0}],
       "mode": "fast", "partial": true, "dropped": [], "timings_ms": {"total": 3}}""";
  private int searchStatus = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    byte[] in = ex.getRequestBody().readAllBytes();
    requests.add(ex.getRequestMethod() + " " + path);
    String answer;
    int status = 200;
    if (path.equals("/v1/stats")) {
      answer = "{\"documents\": " + documents + ", \"passages\": " + (documents * 2) + "}";
    } else if (path.equals("/v1/documents")) {
      int n = mapper.readTree(in).get("documents").size();
      documents += n;
      answer = "{\"indexed\": " + n + "}";
    } else if (path.startsWith("/v1/documents/")) {
      documents--;
      status = 204;
      answer = "";
    } else if (path.equals("/v1/search")) {
      searchBodies.add(mapper.readTree(in));
      status = searchStatus;
      answer = searchAnswer;
    } else {
      status = 404;
      answer = "{}";
    }
    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      ex.getResponseBody().write(out);
    }
    ex.close();
  }

  private HttpSearchBackend backend() {
    return new HttpSearchBackend(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @Test
  void should_send_text_k_mode_and_as_of_only_when_searching() throws IOException {
    try (HttpSearchBackend b = backend()) {
      BackendResult r = b.search(new BackendQuery("q text", 100, BenchMode.AUTO,
          LocalDate.parse("2023-06-15")));
      b.search(new BackendQuery("no date", 100, BenchMode.BM25, null));

      assertEquals(mapper.readTree(
          "{\"query\": \"q text\", \"k\": 100, \"mode\": \"auto\", \"as_of\": \"2023-06-15\"}"),
          searchBodies.get(0));
      assertEquals(mapper.readTree("{\"query\": \"no date\", \"k\": 100, \"mode\": \"fast\", \"legs\": [\"bm25\"]}"),
          searchBodies.get(1));
      assertEquals(List.of("n1", "n4"), r.hits().stream().map(RankedHit::id).toList());
      assertEquals(2.5, r.hits().get(0).score());
      assertEquals("2023-06-10", r.hits().get(0).date().toString());
      assertTrue(r.partial());
      assertTrue(r.latencyMs() > 0);
    }
  }

  @Test
  void should_upload_corpus_once_and_delete_it_when_closed() throws IOException {
    Corpus news = new Corpus(Fixtures.suite().getParent().resolve("news/docs.jsonl"));
    try (HttpSearchBackend b = backend()) {
      IndexStats first = b.index("news", news);
      IndexStats again = b.index("news-temporal", news);
      assertEquals(5, first.docs());
      assertEquals(10, first.passages());
      assertEquals(null, first.embedSeconds());
      assertEquals(0.0, again.indexSeconds());
      assertEquals(1, requests.stream().filter(r -> r.equals("POST /v1/documents")).count());
    }
    assertEquals(0, documents);
    assertTrue(requests.contains("DELETE /v1/documents/n5"));
  }

  @Test
  void should_refuse_server_when_it_already_holds_documents() {
    documents = 3;
    try (HttpSearchBackend b = backend()) {
      IOException e = assertThrows(IOException.class, () -> b.index("news",
          new Corpus(Fixtures.suite().getParent().resolve("news/docs.jsonl"))));
      assertTrue(e.getMessage().contains("holds 3 documents"), e.getMessage());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void should_report_problem_detail_when_server_rejects_query() {
    searchStatus = 400;
    searchAnswer = "{\"type\": \"about:blank\", \"title\": \"Bad Request\", \"status\": 400,"
        + " \"detail\": \"illegal mode: 'graph'\"}";
    HttpSearchBackend b = backend();
    IOException e = assertThrows(IOException.class,
        () -> b.search(new BackendQuery("q", 100, BenchMode.GRAPH, null)));
    assertEquals("POST /v1/search answered 400: Bad Request: illegal mode: 'graph'",
        e.getMessage());
    assertFalse(requests.isEmpty());
  }
}
