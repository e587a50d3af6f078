package io.quarry.server.security;

import io.quarry.server.config.AuthConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Decides whether a request may run: the key it carries ({@code Authorization: Bearer <key>}),
 * the scope its route needs, and its caller's rate. One instance serves the HTTP API (a
 * before-handler) and the MCP servlet alike.
 */
public final class Guard {

  private final AuthConfig config;
  private final KeyStore keys;
  private final boolean loopback;
  private final RateLimits limits;

  /**
   * @param loopback whether the server binds to a loopback address only
   */
  public Guard(AuthConfig config, KeyStore keys, boolean loopback) {
    this.config = config;
    this.keys = keys;
    this.loopback = loopback;
    this.limits = new RateLimits(config.perSecond(), config.burst());
  }

  /**
   * Refuses to serve beyond loopback without keys.
   *
   * @throws IllegalStateException saying what to do
   */
  public static Guard open(AuthConfig config, KeyStore keys, String host) {
    boolean loopback = isLoopback(host);
    if (!loopback && config.mode().equals("off")) {
      throw new IllegalStateException("server.host is " + host + ", beyond loopback, and auth.mode is off:"
          + " anyone who can reach the port could read and write. Set auth.mode to auto or required and create"
          + " a key (quarry keys create --scope admin), or bind to 127.0.0.1");
    }
    if (!loopback && keys.isEmpty()) {
      throw new IllegalStateException("server.host is " + host + ", beyond loopback, and there is no API key in "
          + keys.file() + ": create one first (quarry keys create --scope admin --data <data dir>), or bind to"
          + " 127.0.0.1");
    }
    return new Guard(config, keys, loopback);
  }

  /** Whether requests need a key now. */
  public boolean required() {
    return switch (config.mode()) {
      case "required" -> true;
      case "off" -> false;
      default -> !loopback || !keys.isEmpty();
    };
  }

  /**
   * Admits a request, or throws {@link Denied}.
   *
   * @param authorization the {@code Authorization} header, or null
   * @return the key it carried, when one was needed
   */
  public Optional<ApiKey> admit(String authorization, Scope needed) {
    if (needed == Scope.OPEN) {
      return Optional.empty();
    }
    if (!required()) {
      // no key needed (loopback without keys, or auth.mode=off): the embedded default, a
      // benchmark or a local tool, not throttled either
      return Optional.empty();
    }
    String token = bearer(authorization);
    if (token == null) {
      throw new Denied(401, "this route needs an API key with scope '" + needed.wire() + "': send"
          + " 'Authorization: Bearer <key>' (make one with quarry keys create --scope " + needed.wire() + ")", 0);
    }
    ApiKey key = keys.authenticate(token).orElseThrow(() ->
        new Denied(401, "the API key is not valid: mistyped, or revoked", 0));
    if (!key.scope().grants(needed)) {
      throw new Denied(403, "the API key " + key.id() + (key.name().isEmpty() ? "" : " (" + key.name() + ")")
          + " has scope '" + key.scope().wire() + "'; this route needs '" + needed.wire() + "'", 0);
    }
    limit(key.id());
    return Optional.of(key);
  }

  private void limit(String caller) {
    long wait = limits.acquire(caller);
    if (wait > 0) {
      throw new Denied(429, "too many requests with this key: at most " + config.perSecond()
          + " per second (bursts of " + config.burst() + ", auth.rate_limit); retry after " + wait + " s", wait);
    }
  }

  private static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = h.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  static boolean isLoopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      InetAddress a = InetAddress.getByName(host);
      return a.isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
