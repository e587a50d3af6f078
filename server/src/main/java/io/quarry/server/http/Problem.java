package io.quarry.server.http;

/**
 * An RFC 9457 problem document.
 *
 * @param type a URN naming the kind of problem, e.g. {@code urn:quarry:problem:invalid-request}
 * @param title short human summary of the kind
 * @param status the HTTP status
 * @param detail what exactly went wrong and how to fix it
 * @param id for a server error (5xx), the id under which the server log has the failure; null
 *     otherwise
 */
public record Problem(String type, String title, int status, String detail, String id) {

  public static Problem of(String slug, String title, int status, String detail) {
    return new Problem("urn:quarry:problem:" + slug, title, status, detail, null);
  }

  /** A problem with an id, also written to the server log, to find the failure there. */
  public Problem withId(String problemId) {
    return new Problem(type, title, status, detail, problemId);
  }
}
