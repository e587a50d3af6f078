package io.quarry.server.http;

import io.javalin.http.Context;

/** Reading request bodies. */
final class Bodies {

  private Bodies() {}

  /**
   * The body bytes; Javalin enforces the configured maximum size (413) while reading.
   *
   * @throws BadRequest when the body is empty
   */
  static byte[] bytes(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw new BadRequest("the request body is empty: send a JSON object");
    }
    return bytes;
  }
}
