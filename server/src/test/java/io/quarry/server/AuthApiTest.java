package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarry.server.cli.Main;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** API keys, scopes, rate limits, limits and CORS, through the HTTP API, MCP and the CLI. */
class AuthApiTest {

  private static final Map<String, String> BM25 = Map.of("index.vectors", "false");

  @TempDir Path data;

  /** Runs {@code quarry keys ...} on {@link #data}; returns stdout. */
  private String keys(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    String[] all = new String[args.length + 3];
    all[0] = "keys";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--data";
    all[args.length + 2] = data.toString();
    assertEquals(0, cli.execute(all), String.join(" ", all));
    return out.toString().strip();
  }

  private HttpResponse<String> send(ApiTestSupport api, String method, String path, String body, String key,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base + path)).header("Content-Type", "application/json");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(ApiTestSupport api, String method, String path, String body, String key)
      throws Exception {
    return send(api, method, path, body, key, Map.of());
  }

  @Test
  void should_require_a_key_with_the_right_scope_once_keys_exist() throws Exception {
    String reader = keys("create", "--scope", "read", "--name", "chat");
    String writer = keys("create", "--scope", "write");
    assertTrue(reader.startsWith("qk_"), reader);
    String file = Files.readString(data.resolve("keys.json"));
    assertFalse(file.contains(reader) || file.contains(writer), "only hashes are stored");

    try (ApiTestSupport api = new ApiTestSupport(data, BM25)) {
      assertEquals(200, send(api, "GET", "/health", null, null).statusCode(), "health needs no key");
      HttpResponse<String> none = send(api, "POST", "/v1/search", "{\"query\": \"x\"}", null);
      assertEquals(401, none.statusCode());
      assertEquals("Bearer realm=\"quarry\"", none.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertTrue(none.body().contains("scope 'read'"), none.body());
      assertEquals(401, send(api, "POST", "/v1/search", "{\"query\": \"x\"}", reader + "x").statusCode());
      assertEquals(401, send(api, "POST", "/v1/search", "{\"query\": \"x\"}", "qk_nothere_abc").statusCode());

      assertEquals(200, send(api, "POST", "/v1/search", "{\"query\": \"aspirin\"}", reader).statusCode());
      HttpResponse<String> readOnly = send(api, "POST", "/v1/documents", ApiTest.DOCS, reader);
      assertEquals(403, readOnly.statusCode());
      assertTrue(readOnly.body().contains("(chat) has scope 'read'; this route needs 'write'"), readOnly.body());
      assertEquals(200, send(api, "POST", "/v1/documents", ApiTest.DOCS, writer).statusCode());
      assertEquals(200, send(api, "POST", "/v1/tools/call",
          "{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin\"}}", reader).statusCode());
      assertEquals(401, send(api, "GET", "/v1/tools", null, null).statusCode());

      // revoked from the command line while the server runs: refused within a second or two
      String id = reader.substring(3, reader.indexOf('_', 3));
      keys("revoke", id);
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      int status = 200;
      while (status == 200 && System.nanoTime() < until) {
        Thread.sleep(100);
        status = send(api, "POST", "/v1/search", "{\"query\": \"aspirin\"}", reader).statusCode();
      }
      assertEquals(401, status, "a revoked key is refused");
    }
  }

  @Test
  void should_require_a_key_on_loopback_too_when_auth_mode_is_required() throws Exception {
    Map<String, String> s = new HashMap<>(BM25);
    s.put("auth.mode", "required");
    try (ApiTestSupport api = new ApiTestSupport(data, s)) {
      assertEquals(401, send(api, "POST", "/v1/search", "{\"query\": \"x\"}", null).statusCode(),
          "no key exists yet, and still none is let in");
      assertEquals(200, send(api, "GET", "/ready", null, null).statusCode());
    }
  }

  @Test
  void should_guard_mcp_with_the_same_keys() throws Exception {
    String reader = keys("create", "--scope", "read");
    try (ApiTestSupport api = new ApiTestSupport(data, BM25)) {
      try (McpSyncClient anonymous = mcp(api, null)) {
        assertThrows(RuntimeException.class, anonymous::initialize);
      }
      try (McpSyncClient client = mcp(api, reader)) {
        client.initialize();
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("search", Map.of("query", "x")));
        assertFalse(Boolean.TRUE.equals(r.isError()), r.toString());
      }
    }
  }

  private static McpSyncClient mcp(ApiTestSupport api, String key) {
    HttpRequest.Builder request = HttpRequest.newBuilder();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return McpClient.sync(HttpClientStreamableHttpTransport.builder(api.base).endpoint("/mcp")
        .jsonMapper(new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()))
        .requestBuilder(request).build()).requestTimeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void should_limit_the_rate_per_key_with_retry_after() throws Exception {
    String key = keys("create", "--scope", "read");
    String other = keys("create", "--scope", "read");
    Map<String, String> s = new HashMap<>(BM25);
    s.put("auth.rate_limit.per_second", "0.01");
    s.put("auth.rate_limit.burst", "3");
    try (ApiTestSupport api = new ApiTestSupport(data, s)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(200, send(api, "GET", "/v1/stats", null, key).statusCode());
      }
      HttpResponse<String> over = send(api, "GET", "/v1/stats", null, key);
      assertEquals(429, over.statusCode());
      assertTrue(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow()) >= 1);
      assertTrue(over.body().contains("auth.rate_limit"), over.body());
      assertEquals(200, send(api, "GET", "/v1/stats", null, other).statusCode(), "each key has its own bucket");
    }
  }

  @Test
  void should_refuse_to_serve_beyond_loopback_without_a_key() throws Exception {
    Map<String, String> s = new HashMap<>(BM25);
    s.put("data.dir", data.toString());
    s.put("server.host", "0.0.0.0");
    QuarryConfig open = QuarryConfig.from(Settings.of(s));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> App.create(Startup.begin(() -> { throw new IllegalStateException("never started"); }), open));
    assertTrue(e.getMessage().contains("quarry keys create"), e.getMessage());

    keys("create", "--scope", "admin");
    s.put("auth.mode", "off");
    IllegalStateException off = assertThrows(IllegalStateException.class,
        () -> App.create(Startup.begin(() -> { throw new IllegalStateException("never started"); }),
            QuarryConfig.from(Settings.of(s))));
    assertTrue(off.getMessage().contains("auth.mode is off"), off.getMessage());
    s.remove("auth.mode");
    App.create(Startup.begin(() -> { throw new IllegalStateException("never started"); }), QuarryConfig.from(Settings.of(s)));
  }

  @Test
  void should_limit_query_length_and_keep_cors_off_by_default() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false", "server.max_query_chars", "50"))) {
      HttpResponse<String> longQuery = send(api, "POST", "/v1/search", "{\"query\": \"" + "a ".repeat(40) + "\"}", null);
      assertEquals(400, longQuery.statusCode());
      assertTrue(longQuery.body().contains("field 'query' is 80 characters long, at most 50"), longQuery.body());
      HttpResponse<String> tool = send(api, "POST", "/v1/tools/call",
          "{\"name\": \"search\", \"arguments\": {\"query\": \"" + "a ".repeat(40) + "\"}}", null);
      assertTrue(tool.body().contains("argument 'query' is 80 characters long"), tool.body());
      HttpResponse<String> cors = send(api, "GET", "/v1/stats", null, null, Map.of("Origin", "http://app.example"));
      assertEquals(200, cors.statusCode());
      assertNull(cors.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "CORS is off by default");
    }
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("index.vectors", "false",
        "server.cors_origins", "http://app.example"))) {
      HttpResponse<String> allowed = send(api, "GET", "/v1/stats", null, null, Map.of("Origin", "http://app.example"));
      assertEquals("http://app.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
      HttpResponse<String> other = send(api, "GET", "/v1/stats", null, null, Map.of("Origin", "http://evil.example"));
      assertNull(other.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
      HttpResponse<String> preflight = send(api, "OPTIONS", "/v1/search", null, null, Map.of("Origin",
          "http://app.example", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
          "authorization,content-type"));
      assertTrue(preflight.statusCode() < 300, preflight.statusCode() + " " + preflight.body());
      assertEquals("http://app.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }
  }

  @Test
  void should_keep_stack_traces_and_paths_out_of_error_bodies() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(data, BM25)) {
      for (String body : new String[] {"{\"query\": ", "{\"query\": []}", "{\"k\": \"x\"}", "[]", "{\"query\": \"x\", \"k\": 1e99}"}) {
        HttpResponse<String> r = send(api, "POST", "/v1/search", body, null);
        assertEquals(400, r.statusCode(), body + " -> " + r.body());
        JsonNode problem = ApiTestSupport.JSON.readTree(r.body());
        String detail = problem.get("detail").asText();
        assertFalse(detail.contains("Exception") || detail.contains("at io.") || detail.contains(data.toString())
            || detail.contains("com.fasterxml"), detail);
      }
    }
  }
}
