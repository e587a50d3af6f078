package io.quarry.embeddings.langchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake Ollama on 127.0.0.1 (free port) that speaks the real embed API: {@code POST /api/embed
 * {"model","input":[...]}} answered {@code {"model","embeddings":[[...]],"prompt_eval_count"}}.
 * Its vectors are deterministic hashed bags of words, scaled by 3 so that callers must normalise.
 * It records every request body. Thread-safe.
 */
public final class FakeOllama implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final int dimension;
  /** Every request body received, in order. */
  public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private volatile int failStatus;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile String failBody;

  public FakeOllama(int dimension) throws IOException {
    this.dimension = dimension;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/embed", this::embed);
    server.setExecutor(executor);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Makes every later request fail with this status and body (status 0 to stop failing). */
  public void failWith(int status, String body) {
    this.failBody = body;
    this.failStatus = status;
  }

  /**
   * Makes later requests wait, recorded but unanswered, until {@link #release()} (at most a
   * minute): a model that is busy or slow.
   */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  /** Answers the held requests and stops holding. */
  public void release() {
    gate.countDown();
  }

  /** The vector the fake returns for a text: word counts hashed into {@code dimension} bins, times 3. */
  static float[] vector(String text, int dimension) {
    float[] v = new float[dimension];
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!word.isEmpty()) {
        v[Math.floorMod(word.hashCode(), dimension)] += 3;
      }
    }
    v[0] += 0.5f; // never the zero vector
    return v;
  }

  private void embed(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "{\"error\":\"method not allowed\"}");
        return;
      }
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      requests.add(body);
      try {
        gate.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failStatus != 0) {
        send(exchange, failStatus, failBody);
        return;
      }
      ObjectNode answer = JSON.createObjectNode();
      answer.put("model", body.path("model").asText());
      ArrayNode embeddings = answer.putArray("embeddings");
      int tokens = 0;
      for (JsonNode input : body.path("input")) {
        ArrayNode row = embeddings.addArray();
        for (float x : vector(input.asText(), dimension)) {
          row.add(x);
        }
        tokens += input.asText().split("\\s+").length;
      }
      answer.put("total_duration", 1000);
      answer.put("load_duration", 10);
      answer.put("prompt_eval_count", tokens);
      send(exchange, 200, JSON.writeValueAsString(answer));
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
