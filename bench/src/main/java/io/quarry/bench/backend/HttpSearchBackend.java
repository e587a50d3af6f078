package io.quarry.bench.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.bench.data.Corpus;
import io.quarry.core.document.Document;
import io.quarry.core.document.PublishDate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SearchBackend} that talks to a running Quarry server over the HTTP API of API.md.
 *
 * <p>Indexing: the server must start empty. {@link #index} uploads the corpus with
 * {@code POST /v1/documents} in batches of {@link #UPLOAD_BATCH} ({@code {"id", "title", "text",
 * "date"?}}), then reads {@code GET /v1/stats} for the passage count. A second set with the same
 * corpus file reuses the upload (index_seconds 0); a set with another corpus first deletes the
 * previous documents ({@code DELETE /v1/documents/{id}}), and {@link #close} deletes what this
 * backend uploaded. {@code embed_seconds} cannot be observed over HTTP and is reported as null.
 *
 * <p>Searching: {@code POST /v1/search} with {@code {"query", "k", "mode", "as_of"?}}; the hits'
 * {@code id}, {@code score}, {@code date} and the response's {@code partial} are read. Latency is
 * measured here, from sending the request to having read the response body.
 *
 * <p>Any non-2xx answer becomes an {@link IOException} carrying the problem detail. Not
 * thread-safe (the runner is sequential).
 */
public final class HttpSearchBackend implements SearchBackend {

  /** Documents per upload request. */
  public static final int UPLOAD_BATCH = 50;

  private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final URI base;
  private final HttpClient client;
  private final ObjectMapper mapper = new ObjectMapper();
  private Path loadedCorpus;
  private List<String> loadedIds = List.of();
  private IndexStats loadedStats;

  /** A backend for the server at {@code base}, e.g. {@code http://127.0.0.1:7070}. */
  public HttpSearchBackend(URI base) {
    Objects.requireNonNull(base, "base");
    String scheme = base.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("illegal server URL: '" + base
          + "', must be http://host:port or https://host:port");
    }
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public String describe() {
    return "http " + base.toString().replaceAll("/$", "");
  }

  @Override
  public IndexStats index(String setName, Corpus corpus) throws IOException {
    Path file = corpus.file().toAbsolutePath().normalize();
    if (file.equals(loadedCorpus)) {
      return new IndexStats(loadedStats.docs(), loadedStats.passages(), 0.0, null, null, null);
    }
    if (loadedCorpus != null) {
      deleteUploaded();
    } else {
      long existing = stats().path("documents").asLong(-1);
      if (existing != 0) {
        throw new IOException("the server at " + base + " holds " + existing + " documents;"
            + " the benchmark needs an empty server so that only the set's corpus is searched");
      }
    }
    long start = System.nanoTime();
    List<String> ids = new ArrayList<>();
    List<Document> batch = new ArrayList<>(UPLOAD_BATCH);
    try {
      corpus.forEach(doc -> {
        batch.add(doc);
        ids.add(doc.id());
        if (batch.size() == UPLOAD_BATCH) {
          uploadUnchecked(batch);
        }
      });
      if (!batch.isEmpty()) {
        upload(batch);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      loadedIds = ids;
      loadedCorpus = file;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode stats = stats();
    loadedStats = new IndexStats(ids.size(), stats.path("passages").asLong(0), seconds, null,
        null, null);
    return loadedStats;
  }

  @Override
  public BackendResult search(BackendQuery query) throws IOException {
    ObjectNode body = searchBody(mapper, query);
    long start = System.nanoTime();
    JsonNode answer = send(post("v1/search", body, SEARCH_TIMEOUT));
    double latencyMs = (System.nanoTime() - start) / 1e6;
    JsonNode hits = answer.get("hits");
    if (hits == null || !hits.isArray()) {
      throw new IOException("POST /v1/search: answer has no 'hits' array: " + abbreviate(answer));
    }
    List<RankedHit> out = new ArrayList<>(hits.size());
    for (JsonNode h : hits) {
      JsonNode id = h.get("id");
      JsonNode score = h.get("score");
      if (id == null || !id.isTextual() || score == null || !score.isNumber()) {
        throw new IOException("POST /v1/search: hit without string 'id' and numeric 'score': "
            + abbreviate(h));
      }
      JsonNode date = h.get("date");
      PublishDate published = date == null || date.isNull() || date.asText().isBlank()
          ? null : PublishDate.parse(date.asText());
      out.add(new RankedHit(id.asText(), score.asDouble(), published));
    }
    Map<String, Double> stages = new java.util.LinkedHashMap<>();
    answer.path("timings_ms").fields().forEachRemaining(e -> {
      if (e.getValue().isNumber()) {
        stages.put(e.getKey(), e.getValue().asDouble());
      }
    });
    return new BackendResult(out, answer.path("partial").asBoolean(false), latencyMs, stages);
  }

  /**
   * The {@code POST /v1/search} body of a query: {@code {"query", "k", "mode", "legs"?,
   * "as_of"?}}, as this backend and the load generator send it.
   */
  public static ObjectNode searchBody(ObjectMapper mapper, BackendQuery query) {
    ObjectNode body = mapper.createObjectNode();
    body.put("query", query.text());
    body.put("k", query.k());
    body.put("mode", query.mode().apiMode());
    if (!query.mode().legs().isEmpty()) {
      ArrayNode legs = body.putArray("legs");
      query.mode().legs().forEach(legs::add);
    }
    if (query.asOf() != null) {
      body.put("as_of", query.asOf().toString());
    }
    return body;
  }

  @Override
  public void close() throws IOException {
    deleteUploaded();
  }

  private void deleteUploaded() throws IOException {
    for (String id : loadedIds) {
      HttpRequest req = HttpRequest.newBuilder(base.resolve("v1/documents/"
              + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")))
          .timeout(SEARCH_TIMEOUT).DELETE().build();
      sendRaw(req, true);
    }
    loadedIds = List.of();
    loadedCorpus = null;
  }

  private void uploadUnchecked(List<Document> batch) {
    try {
      upload(batch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void upload(List<Document> batch) throws IOException {
    ObjectNode body = mapper.createObjectNode();
    ArrayNode docs = body.putArray("documents");
    for (Document d : batch) {
      ObjectNode o = docs.addObject();
      o.put("id", d.id());
      o.put("title", d.title());
      o.put("text", d.text());
      if (d.date() != null) {
        o.put("date", d.date().toString());
      }
    }
    send(post("v1/documents", body, UPLOAD_TIMEOUT));
    batch.clear();
  }

  private JsonNode stats() throws IOException {
    return send(HttpRequest.newBuilder(base.resolve("v1/stats")).timeout(SEARCH_TIMEOUT).GET()
        .build());
  }

  private HttpRequest post(String path, JsonNode body, Duration timeout) throws IOException {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build();
  }

  private JsonNode send(HttpRequest req) throws IOException {
    return mapper.readTree(sendRaw(req, false));
  }

  private String sendRaw(HttpRequest req, boolean allowNotFound) throws IOException {
    HttpResponse<String> res;
    try {
      res = client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(req.method() + " " + req.uri() + ": interrupted", e);
    }
    int status = res.statusCode();
    if (status / 100 == 2 || (allowNotFound && status == 404)) {
      return res.body();
    }
    throw new IOException(req.method() + " " + req.uri().getPath() + " answered " + status + ": "
        + problemDetail(res.body()));
  }

  private String problemDetail(String body) {
    try {
      JsonNode problem = mapper.readTree(body);
      if (problem != null && problem.hasNonNull("detail")) {
        return problem.path("title").asText("") + ": " + problem.get("detail").asText();
      }
    } catch (IOException ignored) {
      // not problem JSON: fall through to the raw body
    }
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }

  private static String abbreviate(JsonNode node) {
    String s = String.valueOf(node);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
