package io.quarry.server.models;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the hub answered to a {@code HEAD} of one file's {@code resolve} URL, redirects not
 * followed: for a file in Git LFS a redirect to its storage carrying {@code X-Linked-Etag} (the
 * content's sha256) and {@code X-Linked-Size}; for a small file kept in Git a 200 whose {@code
 * ETag} is the Git blob's sha1.
 *
 * @param status the HTTP status of the last answer (after same-origin redirects, such as a renamed
 *     repository's, were followed)
 * @param etag the entity tag without quotes or {@code W/}, or null
 * @param size the content's size in bytes, or -1 when the hub did not say
 * @param commit the commit the revision resolved to ({@code X-Repo-Commit}), or null
 * @param errorCode the hub's {@code X-Error-Code} (e.g. {@code RepoNotFound}, {@code GatedRepo}), or null
 * @param errorMessage the hub's {@code X-Error-Message}, or null
 */
record RemoteFile(int status, String etag, long size, String commit, String errorCode, String errorMessage) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** The file exists at that revision (200, or a redirect to its storage). */
  boolean found() {
    return status == 200 || (status >= 300 && status < 400);
  }

  /**
   * The sha256 (lower-case hex) the content must have, or null when the etag is not one (a Git
   * blob sha1 of 40 hex digits, or none at all): only those files are checked by content.
   */
  String sha256() {
    if (etag == null) {
      return null;
    }
    String e = etag.toLowerCase(Locale.ROOT);
    return SHA256.matcher(e).matches() ? e : null;
  }

  /** The value of an {@code ETag}-like header without {@code W/} and quotes, or null. */
  static String unquote(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String e = header.strip();
    if (e.startsWith("W/")) {
      e = e.substring(2);
    }
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    return e.isEmpty() ? null : e;
  }
}
