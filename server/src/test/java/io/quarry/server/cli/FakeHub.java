package io.quarry.server.cli;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Hugging Face hub on 127.0.0.1 in the hub's layout, for the {@code models pull} tests. {@code
 * HEAD} and {@code GET} of {@code /{repo}/resolve/{revision}/{file}} answer like the real hub: a
 * {@code .safetensors} file (Git LFS) with a 302 to the storage server, carrying {@code
 * X-Linked-Etag} (its sha256, quoted), {@code X-Linked-Size} and {@code X-Repo-Commit}; any other
 * file with a 200 whose {@code ETag} is its Git blob sha1. Unknown repositories, revisions and
 * files get a 404 with the hub's {@code X-Error-Code}; private ones a 401. The storage server is
 * a second HttpServer (another port, so another origin, as the real CDN is) serving {@code
 * /cdn/{repo}/{file}} with {@code Range: bytes=N-} support (206 and {@code Content-Range}).
 * Records every request. Test fixture.
 */
final class FakeHub implements AutoCloseable {

  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  /** One request as a server saw it; {@code server} is "hub" or "cdn". */
  record Seen(String server, String method, String path, String range, String authorization) {}

  private final HttpServer hub;
  private final HttpServer cdn;
  private final Map<String, Map<String, byte[]>> repos = new ConcurrentHashMap<>();
  private final Map<String, byte[]> tampered = new ConcurrentHashMap<>();
  private final List<String> privateRepos = new CopyOnWriteArrayList<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger cuts = new AtomicInteger();
  private volatile int cutAfter;
  private final AtomicInteger stalls = new AtomicInteger();
  private volatile java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(0);

  FakeHub() throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    hub = HttpServer.create(loopback, 0);
    cdn = HttpServer.create(loopback, 0);
    hub.createContext("/", this::hub);
    cdn.createContext("/", this::cdn);
    hub.start();
    cdn.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + hub.getAddress().getPort();
  }

  FakeHub repo(String repo, Map<String, byte[]> files) {
    repos.put(repo, Map.copyOf(files));
    return this;
  }

  FakeHub privateRepo(String repo) {
    privateRepos.add(repo);
    return this;
  }

  /** Serves {@code bytes} for {@code file} from storage while the hub keeps announcing the real ones. */
  FakeHub tamper(String file, byte[] bytes) {
    tampered.put(file, bytes);
    return this;
  }

  /** The next storage GET sends the full Content-Length, then only {@code bytes} bytes, then drops the connection. */
  FakeHub cutNextDownloadAfter(int bytes) {
    cutAfter = bytes;
    cuts.set(1);
    return this;
  }

  /**
   * The next storage GET sends the full Content-Length and {@code bytes} bytes, then nothing
   * until {@link #release()}, then drops the connection.
   */
  FakeHub stallNextDownloadAfter(int bytes) {
    cutAfter = bytes;
    released = new java.util.concurrent.CountDownLatch(1);
    stalls.set(1);
    return this;
  }

  /** Ends a stalled download. */
  void release() {
    released.countDown();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  List<Seen> seen(String server) {
    return seen.stream().filter(s -> s.server().equals(server)).toList();
  }

  static String sha256(byte[] bytes) {
    return hex("SHA-256", bytes);
  }

  /** What Git names a blob: sha1 of "blob {length}\0" and the content. */
  static String gitBlobSha1(byte[] bytes) {
    byte[] head = ("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(head, head.length + bytes.length);
    System.arraycopy(bytes, 0, all, head.length, bytes.length);
    return hex("SHA-1", all);
  }

  private void hub(HttpExchange x) throws IOException {
    try (x) {
      record(x, "hub");
      String path = x.getRequestURI().getRawPath();
      int at = path.indexOf("/resolve/");
      if (at < 0) {
        error(x, 404, "EntryNotFound");
        return;
      }
      String repo = path.substring(1, at);
      String rest = path.substring(at + "/resolve/".length());
      String revision = rest.substring(0, rest.indexOf('/'));
      String file = rest.substring(rest.indexOf('/') + 1);
      Map<String, byte[]> files = repos.get(repo);
      if (privateRepos.contains(repo)) {
        error(x, 401, "RepoNotFound");
      } else if (files == null) {
        error(x, 404, "RepoNotFound");
      } else if (!revision.equals("main") && !revision.equals(COMMIT)) {
        error(x, 404, "RevisionNotFound");
      } else if (!files.containsKey(file)) {
        error(x, 404, "EntryNotFound");
      } else {
        byte[] bytes = files.get(file);
        Headers h = x.getResponseHeaders();
        h.set("X-Repo-Commit", COMMIT);
        if (file.endsWith(".safetensors")) {
          String sha = "\"" + sha256(bytes) + "\"";
          h.set("X-Linked-Etag", sha);
          h.set("ETag", sha);
          h.set("X-Linked-Size", Long.toString(bytes.length));
          h.set("Location", "http://127.0.0.1:" + cdn.getAddress().getPort() + "/cdn/" + repo + "/" + file
              + "?X-Amz-Signature=fake");
          x.sendResponseHeaders(302, -1);
        } else {
          h.set("ETag", "\"" + gitBlobSha1(bytes) + "\"");
          send(x, 200, bytes, 0);
        }
      }
    }
  }

  private void cdn(HttpExchange x) throws IOException {
    try (x) {
      record(x, "cdn");
      String path = x.getRequestURI().getRawPath();
      String name = path.substring("/cdn/".length());
      int slash = name.lastIndexOf('/');
      Map<String, byte[]> files = repos.get(name.substring(0, slash));
      String file = name.substring(slash + 1);
      byte[] bytes = tampered.getOrDefault(file, files == null ? null : files.get(file));
      if (bytes == null) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      String range = x.getRequestHeaders().getFirst("Range");
      long from = range == null ? 0 : Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
      if (from >= bytes.length) {
        x.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
        x.sendResponseHeaders(416, -1);
        return;
      }
      if (range != null) {
        x.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
      }
      x.getResponseHeaders().set("ETag", "\"cdn-" + sha256(bytes).substring(0, 16) + "\"");
      if (x.getRequestMethod().equals("GET") && stalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        x.sendResponseHeaders(range == null ? 200 : 206, bytes.length - from);
        OutputStream out = x.getResponseBody();
        out.write(bytes, (int) from, cutAfter);
        out.flush();
        try {
          released.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("fake hub: stalled after " + cutAfter + " bytes");
      }
      if (x.getRequestMethod().equals("GET") && cuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        x.sendResponseHeaders(range == null ? 200 : 206, bytes.length - from);
        OutputStream out = x.getResponseBody();
        out.write(bytes, (int) from, cutAfter);
        out.flush();
        // an exception out of the handler makes the server drop the connection, short of Content-Length
        throw new IOException("fake hub: connection cut after " + cutAfter + " bytes");
      }
      send(x, range == null ? 200 : 206, bytes, (int) from);
    }
  }

  private void record(HttpExchange x, String server) {
    seen.add(new Seen(server, x.getRequestMethod(), x.getRequestURI().getRawPath(),
        x.getRequestHeaders().getFirst("Range"), x.getRequestHeaders().getFirst("Authorization")));
  }

  private static void send(HttpExchange x, int status, byte[] bytes, int from) throws IOException {
    if (x.getRequestMethod().equals("HEAD")) {
      x.getResponseHeaders().set("Content-Length", Long.toString(bytes.length - from));
      x.sendResponseHeaders(status, -1);
      return;
    }
    x.sendResponseHeaders(status, bytes.length - from);
    x.getResponseBody().write(bytes, from, bytes.length - from);
  }

  private static void error(HttpExchange x, int status, String code) throws IOException {
    x.getResponseHeaders().set("X-Error-Code", code);
    x.getResponseHeaders().set("X-Error-Message", code.equals("RepoNotFound") ? "Repository not found"
        : code.equals("RevisionNotFound") ? "Invalid rev id" : "Entry not found");
    x.sendResponseHeaders(status, -1);
  }

  private static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    release();
    hub.stop(0);
    cdn.stop(0);
  }
}
