package io.quarry.server.http;

import io.javalin.http.Context;

/** Reading query parameters. */
final class Params {

  private Params() {}

  /**
   * {@code ?limit=}: {@code def} when absent.
   *
   * @throws BadRequest naming the parameter and the accepted range
   */
  static int limit(Context ctx, int def, int max) {
    String s = ctx.queryParam("limit");
    if (s == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(s.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw new BadRequest("query parameter 'limit' is '" + s + "', must be an integer in 1.." + max);
  }
}
