package io.quarry.server.http;

/**
 * An RFC 9457 problem document.
 *
 * @param type a URN naming the kind of problem, e.g. {@code urn:quarry:problem:invalid-request}
 * @param title short human summary of the kind
 * @param status the HTTP status
 * @param detail what exactly went wrong and how to fix it
 */
public record Problem(String type, String title, int status, String detail) {

  public static Problem of(String slug, String title, int status, String detail) {
    return new Problem("urn:quarry:problem:" + slug, title, status, detail);
  }
}
