package io.quarry.core.query;

/**
 * Where {@code mode=auto} sends a query, and why.
 *
 * @param deep true for the deep path, false for the fast path
 * @param reason the rule that decided, in a few words
 */
public record RouteDecision(boolean deep, String reason) {

  /** A decision for the fast path. */
  public static RouteDecision fast(String reason) {
    return new RouteDecision(false, reason);
  }

  /** A decision for the deep path. */
  public static RouteDecision deep(String reason) {
    return new RouteDecision(true, reason);
  }

  /** {@code fast} or {@code deep}, as on the wire. */
  public String wireName() {
    return deep ? "deep" : "fast";
  }
}
