package io.quarry.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Quarry as a tool for LLMs.
 *
 * <pre>
 * tools:
 *   enabled: true                 # GET /v1/tools, POST /v1/tools/call
 * mcp:
 *   enabled: true                 # the MCP server at /mcp
 *   allowed_origins: http://127.0.0.1:*,http://localhost:*
 *   allowed_hosts: 127.0.0.1:*,localhost:*
 * </pre>
 *
 * @param toolsEnabled {@code tools.enabled}
 * @param mcpEnabled {@code mcp.enabled}
 * @param allowedOrigins {@code mcp.allowed_origins}: a browser's {@code Origin} must be one of these
 *     (a {@code :*} port matches any port), against DNS rebinding; a request without one (a
 *     command-line or desktop client) passes
 * @param allowedHosts {@code mcp.allowed_hosts}: the {@code Host} a request names must be one of
 *     these, so a rebound DNS name cannot reach a loopback server; the bound address is added
 */
public record ToolsConfig(boolean toolsEnabled, boolean mcpEnabled, List<String> allowedOrigins,
    List<String> allowedHosts) {

  public static final String DEFAULT_ORIGINS = "http://127.0.0.1:*,http://localhost:*,http://[::1]:*";
  public static final String DEFAULT_HOSTS = "127.0.0.1:*,localhost:*,[::1]:*";

  public ToolsConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
  }

  static ToolsConfig from(Settings s, ServerConfig server) {
    List<String> hosts = list(s.string("mcp.allowed_hosts", DEFAULT_HOSTS));
    String bound = server.host();
    if (!bound.equals("0.0.0.0") && !bound.equals("::") && !hosts.contains(bound + ":*")) {
      hosts.add((bound.contains(":") ? "[" + bound + "]" : bound) + ":*");
    }
    return new ToolsConfig(s.bool("tools.enabled", true), s.bool("mcp.enabled", true),
        list(s.string("mcp.allowed_origins", DEFAULT_ORIGINS)), hosts);
  }

  private static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    for (String v : csv.split(",")) {
      if (!v.isBlank()) {
        out.add(v.strip());
      }
    }
    return out;
  }
}
