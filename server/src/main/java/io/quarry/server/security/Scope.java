package io.quarry.server.security;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a request may do, and what an API key grants. Every route names one; a route without one
 * is refused (deny by default). The scopes nest: {@code admin} grants {@code write}, which grants
 * {@code read}.
 */
public enum Scope implements RouteRole {
  /** No key needed: {@code /health}, {@code /ready}, the page and the API description. */
  OPEN,
  /** Search, fetch, tools, MCP, jobs and stats. */
  READ,
  /** Adding and deleting documents, ingest jobs, connector syncs, dead-letter replays. */
  WRITE,
  /** The configuration, its reload, and keys. */
  ADMIN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a key with this scope may do what {@code needed} asks. */
  public boolean grants(Scope needed) {
    return compareTo(needed) >= 0;
  }

  /** {@code read}, {@code write} or {@code admin}. */
  public static Scope parse(String s) {
    for (Scope v : values()) {
      if (v != OPEN && v.wire().equals(s.strip().toLowerCase(Locale.ROOT))) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + s + "', must be one of "
        + Arrays.stream(values()).filter(v -> v != OPEN).map(Scope::wire).toList());
  }
}
