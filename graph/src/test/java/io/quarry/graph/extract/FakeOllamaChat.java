package io.quarry.graph.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A fake Ollama on 127.0.0.1 (free port) that speaks the real chat API: {@code POST /api/chat
 * {"model","messages","options","format","stream":false,"tools"}} answered {@code
 * {"model","created_at","message":{"role":"assistant","content":"..."},"done":true,
 * "done_reason":"stop","prompt_eval_count","eval_count"}}.
 *
 * <p>Scriptable: the content it answers (fixed, or computed from the request), a delay before
 * answering, or an HTTP error. It records every request body. Thread-safe.
 */
public final class FakeOllamaChat implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  /** Every request body received, in order. */
  public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private volatile Function<JsonNode, String> content = request -> "{\"entities\":[],\"relations\":[]}";
  private volatile Duration delay = Duration.ZERO;
  private volatile int failStatus;
  private volatile String failBody;

  public FakeOllamaChat() throws IOException {
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/chat", this::chat);
    server.setExecutor(executor);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Later requests are answered with this message content (any text: JSON, or garbage). */
  public FakeOllamaChat answer(String text) {
    this.content = request -> text;
    return this;
  }

  /** Later requests are answered with the content this computes from the request body. */
  public FakeOllamaChat answer(Function<JsonNode, String> fn) {
    this.content = fn;
    return this;
  }

  /** Later requests wait this long before answering (or failing). */
  public FakeOllamaChat delay(Duration d) {
    this.delay = d;
    return this;
  }

  /** Later requests fail with this status and body (status 0 to stop failing). */
  public FakeOllamaChat failWith(int status, String body) {
    this.failBody = body;
    this.failStatus = status;
    return this;
  }

  public int requestCount() {
    return requests.size();
  }

  /** The last request's user message, or "". */
  public String lastUserMessage() {
    if (requests.isEmpty()) {
      return "";
    }
    String out = "";
    for (JsonNode m : requests.get(requests.size() - 1).path("messages")) {
      if ("user".equals(m.path("role").asText())) {
        out = m.path("content").asText();
      }
    }
    return out;
  }

  private void chat(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "{\"error\":\"method not allowed\"}");
        return;
      }
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      requests.add(body);
      long wait = delay.toMillis();
      if (wait > 0) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return; // closing
        }
      }
      if (failStatus != 0) {
        send(exchange, failStatus, failBody);
        return;
      }
      String text = content.apply(body);
      ObjectNode answer = JSON.createObjectNode();
      answer.put("model", body.path("model").asText());
      answer.put("created_at", Instant.now().toString());
      ObjectNode message = answer.putObject("message");
      message.put("role", "assistant");
      message.put("content", text);
      answer.put("done", true);
      answer.put("done_reason", "stop");
      answer.put("total_duration", 1_000_000);
      answer.put("load_duration", 10_000);
      answer.put("prompt_eval_count", words(body.path("messages").toString()));
      answer.put("eval_count", words(text));
      send(exchange, 200, JSON.writeValueAsString(answer));
    } catch (IOException e) {
      // the client gave up (a timeout): nothing to answer
    }
  }

  private static int words(String s) {
    return s.isBlank() ? 0 : s.strip().split("\\s+").length;
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
    server.stop(0);
    executor.shutdownNow();
  }
}
