package io.quarry.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.bench.backend.HttpSearchBackend;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends a load to a Quarry server's {@code POST /v1/search} (API.md) on loopback only: an
 * open-loop load is a denial of service to anyone sharing the host, so any other host is refused.
 *
 * <p>The body is {@link HttpSearchBackend#searchBody}'s, plus {@code deadline_ms} when the request
 * has one. From a 2xx answer only {@code partial} and {@code timings_ms} are read. HTTP/1.1,
 * so concurrent requests take concurrent connections (kept alive between requests), as a pool of
 * clients would. Thread-safe.
 */
public final class HttpLoadTarget implements LoadTarget {

  private final URI base;
  private final URI search;
  private final Duration timeout;
  private final HttpClient client;
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * @param base the server, e.g. {@code http://127.0.0.1:7070}
   * @param timeout how long one request may take before it counts as a {@code timeout} error
   * @throws IllegalArgumentException when {@code base} is not a loopback http(s) URL
   */
  public HttpLoadTarget(URI base, Duration timeout) {
    requireLoopback(base);
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.search = this.base.resolve("v1/search");
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * Checks that {@code url} is http(s) to a host whose every address is loopback ({@code
   * 127.0.0.1}, {@code ::1}, {@code localhost}).
   *
   * @throws IllegalArgumentException saying why not
   */
  public static void requireLoopback(URI url) {
    String scheme = url.getScheme();
    String host = url.getHost();
    if (!"http".equals(scheme) && !"https".equals(scheme) || host == null) {
      throw new IllegalArgumentException("illegal server URL: '" + url + "', must be http://127.0.0.1:PORT");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("refusing to load " + url + ": cannot resolve '" + host
          + "'; the load generator targets loopback only (127.0.0.1, ::1, localhost)");
    }
    for (InetAddress a : addresses) {
      if (!a.isLoopbackAddress()) {
        throw new IllegalArgumentException("refusing to load " + url + ": '" + host + "' is "
            + a.getHostAddress() + ", not a loopback address; an open-loop load is a denial of service"
            + " to anyone sharing that host, so the load generator targets loopback only"
            + " (127.0.0.1, ::1, localhost)");
      }
    }
  }

  /**
   * Checks the server is ready ({@code GET /ready} 200) and holds documents ({@code GET
   * /v1/stats}), before a load is sent.
   *
   * @return "server URL: N documents, M passages"
   * @throws IOException saying what is wrong
   */
  public String check() throws IOException {
    HttpResponse<byte[]> ready = get(base.resolve("ready"));
    if (ready.statusCode() != 200) {
      throw new IOException("the server at " + base + " is not ready: GET /ready answered " + ready.statusCode()
          + " (wait until it has loaded its models)");
    }
    HttpResponse<byte[]> stats = get(base.resolve("v1/stats"));
    if (stats.statusCode() != 200) {
      throw new IOException("GET /v1/stats answered " + stats.statusCode() + ": " + detail(stats.body()));
    }
    JsonNode s = mapper.readTree(stats.body());
    long documents = s.path("documents").asLong(0);
    if (documents == 0) {
      throw new IOException("the server at " + base + " holds no documents: ingest the corpus first"
          + " (java -jar server/target/quarry.jar ingest --server " + base + " corpus.jsonl.gz)");
    }
    return "server " + base + ": " + documents + " documents, " + s.path("passages").asLong(0) + " passages";
  }

  private HttpResponse<byte[]> get(URI uri) throws IOException {
    try {
      return client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("GET " + uri + ": interrupted", e);
    } catch (ConnectException e) {
      throw new IOException("cannot connect to " + uri + ": is the server running?", e);
    }
  }

  @Override
  public CompletableFuture<LoadReply> send(LoadRequest request) {
    ObjectNode body = HttpSearchBackend.searchBody(mapper, request.query());
    if (request.deadlineMs() != null) {
      body.put("deadline_ms", request.deadlineMs());
    }
    HttpRequest req;
    try {
      req = HttpRequest.newBuilder(search).timeout(timeout)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    return client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
        .handle((res, failure) -> failure != null ? failed(failure) : read(res));
  }

  private LoadReply read(HttpResponse<byte[]> res) {
    int status = res.statusCode();
    if (status / 100 != 2) {
      return LoadReply.failed(status, "http " + status + ": " + detail(res.body()));
    }
    JsonNode answer;
    try {
      answer = mapper.readTree(res.body());
    } catch (IOException e) {
      return LoadReply.failed(status, "unreadable answer: " + e.getMessage());
    }
    if (answer == null || !answer.path("hits").isArray()) {
      return LoadReply.failed(status, "unreadable answer: no 'hits' array");
    }
    Map<String, Double> timings = new LinkedHashMap<>();
    answer.path("timings_ms").fields().forEachRemaining(e -> {
      if (e.getValue().isNumber()) {
        timings.put(e.getKey(), e.getValue().asDouble());
      }
    });
    Double total = timings.get("total");
    return LoadReply.answer(status, answer.path("partial").asBoolean(false), total == null ? Double.NaN : total,
        timings);
  }

  private static LoadReply failed(Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof HttpTimeoutException) {
      return LoadReply.failed(0, "timeout: no answer within the request timeout");
    }
    if (cause instanceof ConnectException) {
      return LoadReply.failed(0, "connect: " + cause.getMessage());
    }
    return LoadReply.failed(0, cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  private String detail(byte[] body) {
    try {
      JsonNode problem = mapper.readTree(body);
      if (problem != null && problem.hasNonNull("detail")) {
        return problem.get("detail").asText();
      }
    } catch (IOException ignored) {
      // not problem JSON: the raw body below
    }
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** Abandons whatever is still in flight (the generator has stopped waiting for it). */
  @Override
  public void close() {
    client.shutdownNow();
  }
}
