package io.quarry.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarry.server.config.ToolsConfig;
import io.quarry.server.security.Guard;
import io.quarry.server.tools.Tool;
import io.quarry.server.tools.Tools;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server at {@value #PATH}: Streamable HTTP (JSON-RPC 2.0) from the official MCP Java
 * SDK, serving the same tools as {@code /v1/tools}. The SDK's servlet transport is mounted in
 * Javalin's Jetty; its security validator checks {@code Origin} and {@code Host} against {@link
 * ToolsConfig}'s allow-lists, so a web page on another origin, or behind a rebound DNS name,
 * cannot drive a loopback server.
 */
public final class McpEndpoint implements AutoCloseable {

  public static final String PATH = "/mcp";

  private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);

  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;
  private final Guard guard;

  /** @param guard the API's keys, scopes and rate limits, applied to every MCP request */
  public McpEndpoint(Tools tools, ToolsConfig config, Guard guard, String version) {
    this.guard = guard;
    // a mapper of its own: the SDK's schema classes expect Jackson's defaults, not the API's
    // strict input settings. The transport writes its errors by serialising the McpError
    // exception itself, which would send the stack trace to the client: the mix-in keeps only
    // the message and the JSON-RPC error (found by RequestParsersFuzzTest)
    ObjectMapper plain = new ObjectMapper().addMixIn(Throwable.class, NoInternals.class);
    McpJsonMapper json = new JacksonMcpJsonMapper(plain);
    this.transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(json)
        .mcpEndpoint(PATH)
        .securityValidator(DefaultServerTransportSecurityValidator.builder()
            .allowedOrigins(config.allowedOrigins())
            .allowedHosts(config.allowedHosts())
            .build())
        .build();
    List<SyncToolSpecification> specs = tools.all().stream().map(t -> spec(t, tools, json, plain)).toList();
    this.server = McpServer.sync(transport)
        .jsonMapper(json)
        .serverInfo("quarry", version)
        .instructions("Quarry answers questions with ranked, dated passages from the documents it holds."
            + " Call search first; call fetch_document with a hit's id to read more.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .requestTimeout(Duration.ofMinutes(2))
        .tools(specs)
        .build();
  }

  private static SyncToolSpecification spec(Tool t, Tools tools, McpJsonMapper json, ObjectMapper plain) {
    McpSchema.Tool tool = McpSchema.Tool.builder()
        .name(t.name())
        .description(t.description())
        .inputSchema(json, t.parameters().toString())
        .build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
      Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
      JsonNode arguments = plain.valueToTree(args);
      try {
        Tools.Outcome o = tools.call(t.name(), arguments);
        return CallToolResult.builder().addTextContent(o.text()).isError(o.error()).build();
      } catch (io.javalin.http.HttpResponseException e) {
        // the engine not ready yet: a reason meant for clients
        return CallToolResult.builder().addTextContent(t.name() + ": " + e.getMessage()).isError(true).build();
      } catch (RuntimeException e) {
        // a failure inside the engine: the log has the details, the model a short reason without
        // internals
        LOG.warn("MCP tool {} failed", t.name(), e);
        return CallToolResult.builder().addTextContent(t.name() + " failed inside the server; see its log")
            .isError(true).build();
      }
    }).build();
  }

  /** What a serialised exception leaves out: where in the code it was thrown, and its causes. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"stackTrace", "cause", "suppressed", "localizedMessage"})
  private abstract static class NoInternals {}

  /** The servlet to mount at {@value #PATH} (asynchronous: responses may stream as events). */
  public HttpServlet servlet() {
    return new GuardedServlet(transport, guard);
  }

  @Override
  public void close() {
    server.closeGracefully();
  }
}
