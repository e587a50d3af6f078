package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code /mcp} driven by the MCP Java SDK's own client over Streamable HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpTest {

  @TempDir static Path data;

  ApiTestSupport api;

  @BeforeAll
  void start() throws Exception {
    api = new ApiTestSupport(data, Map.of());
    assertEquals(200, api.post("/v1/documents", ApiTest.DOCS).status());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private McpSyncClient client() {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(api.base)
        .endpoint("/mcp")
        .jsonMapper(new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper()))
        .build();
    return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
  }

  private static String text(CallToolResult r) {
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  @Test
  void should_initialize_list_tools_and_call_search_and_fetch() throws Exception {
    try (McpSyncClient mcp = client()) {
      McpSchema.InitializeResult init = mcp.initialize();
      assertEquals("quarry", init.serverInfo().name());
      assertTrue(init.capabilities().tools() != null, "tools capability announced");

      List<McpSchema.Tool> tools = mcp.listTools().tools();
      assertEquals(List.of("search", "fetch_document"), tools.stream().map(McpSchema.Tool::name).toList());
      Map<String, Object> schema = tools.get(0).inputSchema();
      assertTrue(((Map<?, ?>) schema.get("properties")).containsKey("max_chars"), schema.toString());
      assertEquals(List.of("query"), schema.get("required"));

      CallToolResult found = mcp.callTool(new McpSchema.CallToolRequest("search",
          Map.of("query", "aspirin for children", "k", 2, "sources", List.of("news"))));
      assertFalse(Boolean.TRUE.equals(found.isError()), text(found));
      JsonNode hits = ApiTestSupport.JSON.readTree(text(found)).get("hits");
      assertEquals(2, hits.size());
      assertEquals("aspirin-children", hits.get(0).get("id").asText());
      assertEquals("2023-06-20", hits.get(0).get("date").asText());
      hits.forEach(h -> assertEquals("news", h.get("source").asText()));

      CallToolResult doc = mcp.callTool(new McpSchema.CallToolRequest("fetch_document", Map.of("id", "mars-rover")));
      assertFalse(Boolean.TRUE.equals(doc.isError()), text(doc));
      assertTrue(ApiTestSupport.JSON.readTree(text(doc)).get("text").asText().contains("Jezero crater"));

      CallToolResult missing = mcp.callTool(new McpSchema.CallToolRequest("fetch_document", Map.of("id", "nope")));
      assertTrue(missing.isError(), "a model's mistake is a tool error it can read");
      assertTrue(text(missing).contains("no document with id 'nope'"), text(missing));
    }
  }

  @Test
  void should_refuse_a_foreign_origin() throws Exception {
    String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    HttpResponse<String> evil = api.http.send(HttpRequest.newBuilder(URI.create(api.base + "/mcp"))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString(init)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, evil.statusCode(), evil.body());
    HttpResponse<String> local = api.http.send(HttpRequest.newBuilder(URI.create(api.base + "/mcp"))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .header("Origin", "http://localhost:3000").POST(HttpRequest.BodyPublishers.ofString(init)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, local.statusCode(), local.body());
  }

  @Test
  void should_keep_stack_traces_out_of_its_errors() throws Exception {
    String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"; // no session yet
    HttpResponse<String> r = api.http.send(HttpRequest.newBuilder(URI.create(api.base + "/mcp"))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("Session ID required"), r.body());
    assertFalse(r.body().contains("stackTrace") || r.body().contains(".java"), r.body());
  }

  @Test
  void should_refuse_a_rebound_host_name() throws Exception {
    // the JDK client will not set Host; a socket will, as a browser behind a rebound DNS name does
    int port = URI.create(api.base).getPort();
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /mcp HTTP/1.1\r\nHost: attacker.example:" + port + "\r\nContent-Type: application/json\r\n"
          + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.length()
          + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      assertEquals("HTTP/1.1 421 Misdirected Request", status, "the SDK's answer to a Host it does not serve");
    }
  }
}
