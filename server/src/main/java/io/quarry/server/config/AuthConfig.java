package io.quarry.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may call the API, how often, and from which web origins.
 *
 * <pre>
 * auth:
 *   mode: auto                  # auto | required | off
 *   keys_file: ./data/keys.json # written by `quarry keys create`
 *   rate_limit:
 *     per_second: 50            # per key; 0 = no limit
 *     burst: 100
 * server:
 *   max_query_chars: 4096
 *   cors_origins: ""            # e.g. https://app.example.org; empty = no CORS headers
 * </pre>
 *
 * @param mode {@code auto}: a key is required once any key exists, and always when the server
 *     binds beyond loopback; {@code required}: always; {@code off}: never, allowed on loopback only
 * @param keysFile where the hashed keys live
 * @param perSecond sustained requests per second per key, 0 for no limit
 * @param burst requests a key may send at once before the rate applies
 * @param maxQueryChars longest {@code query} accepted by search and the tools
 * @param corsOrigins origins a browser may call the API from; none by default
 */
public record AuthConfig(String mode, Path keysFile, double perSecond, int burst, int maxQueryChars,
    List<String> corsOrigins) {

  public AuthConfig {
    corsOrigins = List.copyOf(corsOrigins);
  }

  static AuthConfig from(Settings s, Path dataDir) {
    List<String> cors = new ArrayList<>();
    for (String o : s.string("server.cors_origins", "").split(",")) {
      if (!o.isBlank()) {
        cors.add(o.strip());
      }
    }
    return new AuthConfig(
        s.choice("auth.mode", "auto", "auto", "required", "off"),
        Path.of(s.string("auth.keys_file", dataDir.resolve("keys.json").toString())),
        s.number("auth.rate_limit.per_second", 50, 0, 1_000_000),
        s.integer("auth.rate_limit.burst", 100, 1, 1_000_000),
        s.integer("server.max_query_chars", 4096, 16, 1_000_000),
        cors);
  }
}
