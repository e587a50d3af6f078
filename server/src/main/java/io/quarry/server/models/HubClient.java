package io.quarry.server.models;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP side of a Hugging Face hub (or a mirror of its layout): files are at {@code
 * {endpoint}/{repo}/resolve/{revision}/{file}}. Uses only the JDK's client, HTTP/1.1.
 *
 * <p>Contract: {@link #head} asks about a file without following redirects, the way {@code
 * huggingface_hub} does, so that the checksum and size the hub puts on its redirect to storage are
 * read off that redirect; only same-origin redirects (a renamed repository) are followed, at most
 * five. {@link #download} fetches into a {@code .part} file, following redirects ({@link
 * HttpClient.Redirect#NORMAL}: never from https to http; the JDK drops {@code Authorization} when
 * a redirect leaves the endpoint's origin, so a token is never sent to the storage host), resuming
 * with {@code Range} where a part is already there. A token, when given, is sent as {@code
 * Authorization: Bearer}. Network failures surface as {@link IOException}; {@link #unreachable}
 * tells those that mean the host cannot be reached at all. Thread-safe.
 */
public final class HubClient {

  /** The public hub. */
  public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Until the answer's headers arrive. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
  /** The default longest wait for the next bytes of a body in progress ({@link StallGuard}). */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_SAME_ORIGIN_REDIRECTS = 5;
  private static final String USER_AGENT = "quarry/0.1.0 (models pull)";

  private final URI endpoint;
  private final String token;
  private final Duration stallTimeout;
  private final HttpClient heads = client(HttpClient.Redirect.NEVER);
  private final HttpClient gets = client(HttpClient.Redirect.NORMAL);

  /**
   * @param endpoint the hub's base URL, http or https, e.g. {@value #DEFAULT_ENDPOINT}
   * @param token a Hugging Face access token, or null for anonymous access
   * @throws IllegalArgumentException if the endpoint is not an absolute http(s) URL
   */
  public HubClient(String endpoint, String token) {
    this(endpoint, token, DEFAULT_STALL_TIMEOUT);
  }

  /**
   * @param stallTimeout the longest wait for the next bytes of a download in progress; past it the
   *     download fails (its part is kept for a resume)
   */
  public HubClient(String endpoint, String token, Duration stallTimeout) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("illegal stall timeout: " + stallTimeout + ", must be positive");
    }
    this.stallTimeout = stallTimeout;
    String e = endpoint.strip();
    while (e.endsWith("/")) {
      e = e.substring(0, e.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(e);
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("illegal hub endpoint: " + endpoint + " (" + bad.getMessage() + ")");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("illegal hub endpoint: " + endpoint + ", must be an http(s) URL such as "
          + DEFAULT_ENDPOINT);
    }
    this.endpoint = uri;
    this.token = token == null || token.isBlank() ? null : token.strip();
  }

  /** The base URL, without a trailing slash. */
  public URI endpoint() {
    return endpoint;
  }

  /** {@code {endpoint}/{repo}/resolve/{revision}/{file}}, the revision encoded as one path segment. */
  URI fileUri(String repo, String revision, String file) {
    String rev = URLEncoder.encode(revision, StandardCharsets.UTF_8).replace("+", "%20");
    return URI.create(endpoint + "/" + repo + "/resolve/" + rev + "/" + file);
  }

  /** {@code HEAD} of a file, redirects to other origins not followed. */
  RemoteFile head(String repo, String revision, String file) throws IOException, InterruptedException {
    URI uri = fileUri(repo, revision, file);
    for (int hop = 0; ; hop++) {
      HttpResponse<Void> r = heads.send(request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      int status = r.statusCode();
      String linkedEtag = r.headers().firstValue("X-Linked-Etag").orElse(null);
      String location = r.headers().firstValue("Location").orElse(null);
      if (status >= 300 && status < 400 && linkedEtag == null && location != null
          && hop < MAX_SAME_ORIGIN_REDIRECTS) {
        URI next = uri.resolve(location);
        if (sameOrigin(uri, next)) {
          uri = next;
          continue;
        }
      }
      String etag = RemoteFile.unquote(linkedEtag != null ? linkedEtag : r.headers().firstValue("ETag").orElse(null));
      long size = number(r.headers().firstValue("X-Linked-Size").orElse(null));
      if (size < 0 && status == 200) {
        size = number(r.headers().firstValue("Content-Length").orElse(null));
      }
      return new RemoteFile(status, etag, size, r.headers().firstValue("X-Repo-Commit").orElse(null),
          r.headers().firstValue("X-Error-Code").orElse(null),
          r.headers().firstValue("X-Error-Message").orElse(null));
    }
  }

  /** Receives the bytes of a download as they arrive. */
  interface Progress {
    /** {@code done} bytes of the file are in the part file, of {@code size} (-1 if unknown). */
    void bytes(long done, long size);
  }

  /**
   * Fetches a file into {@code part}. If {@code part} holds bytes from an earlier attempt, asks for
   * the rest ({@code Range: bytes=N-}) and appends them when the answer is 206 from N; a 200 (the
   * range ignored) starts over from zero, and so does a 416 or a part longer than {@code size}. A
   * part of exactly {@code size} bytes is taken as complete without asking. The part file is forced
   * to disk before returning.
   *
   * @param size the size the hub announced, or -1
   * @return the number of bytes in {@code part}
   * @throws IOException if the transfer breaks: the bytes received so far stay in {@code part}
   * @throws PullException if the hub answers with another status
   */
  long download(String repo, String revision, String file, Path part, long size, Progress progress)
      throws IOException, InterruptedException, PullException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    if (size >= 0 && have > size) {
      Files.delete(part);
      have = 0;
    }
    if (size > 0 && have == size) {
      progress.bytes(have, size);
      return have;
    }
    URI uri = fileUri(repo, revision, file);
    HttpRequest.Builder b = request(uri).GET();
    if (have > 0) {
      b.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> r = gets.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    StallGuard guard = new StallGuard(stallTimeout, r.body());
    try (InputStream in = r.body()) {
      int status = r.statusCode();
      boolean append;
      if (status == 206 && have > 0 && r.headers().firstValue("Content-Range").orElse("")
          .startsWith("bytes " + have + "-")) {
        append = true;
      } else if (status == 200) {
        append = false;
      } else if (status == 416 && have > 0) {
        guard.close(); // the fresh download below has its own
        in.close();
        Files.delete(part);
        return download(repo, revision, file, part, size, progress);
      } else {
        throw PullException.failed("cannot download " + file + " from " + uri + ": HTTP " + status
            + (status == 206 ? " with Content-Range " + r.headers().firstValue("Content-Range").orElse("(none)")
                + " for a request from byte " + have : ""));
      }
      return copy(in, part, append ? have : 0, size, progress, guard);
    } catch (IOException e) {
      if (guard.stalled()) {
        throw new IOException("no bytes for " + guard.limit().toMillis() + " ms: the transfer stalled", e);
      }
      throw e;
    } finally {
      guard.close();
    }
  }

  private static long copy(InputStream in, Path part, long from, long size, Progress progress, StallGuard guard)
      throws IOException {
    try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      out.truncate(from);
      out.position(from);
      byte[] buffer = new byte[1 << 16];
      long done = from;
      progress.bytes(done, size);
      for (int n; (n = in.read(buffer)) >= 0; ) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        done += n;
        guard.touch();
        progress.bytes(done, size);
      }
      out.force(true);
      return done;
    }
  }

  /**
   * True when {@code e} means the host could not be reached at all: connection refused, unknown
   * host, no route, a connect or answer timeout. A transfer broken halfway is not one of them.
   */
  public static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
          || t instanceof NoRouteToHostException || t instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * A short reason for a network failure: "unknown host", "timed out connecting", "cannot connect"
   * (the JDK's connect failures carry no message), else the first exception in the chain that has
   * a message, e.g. "IOException: closed".
   */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "timed out connecting";
      }
      if (t instanceof HttpTimeoutException) {
        return "timed out waiting for an answer";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getClass().getSimpleName() + ": " + t.getMessage().strip();
      }
    }
    return e instanceof ConnectException ? "cannot connect" : e.getClass().getSimpleName();
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT)
        .header("User-Agent", USER_AGENT)
        // sizes and checksums are of the stored bytes, never of a compressed transfer
        .header("Accept-Encoding", "identity");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static HttpClient client(HttpClient.Redirect redirect) {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(redirect).build();
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
        && String.valueOf(a.getRawAuthority()).equalsIgnoreCase(String.valueOf(b.getRawAuthority()));
  }

  private static long number(String header) {
    if (header == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(header.strip());
      return n >= 0 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
