package io.quarry.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.core.document.Document;
import io.quarry.server.http.Json;
import io.quarry.server.http.JsonDocumentCodec;
import io.quarry.server.jobs.Hashes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code quarry ingest --server URL}: submits documents to a running server as jobs of {@code
 * chunk} documents and follows them to the end with the progress bar. Each job carries an {@code
 * Idempotency-Key} made from its body, so running the same command again within the server's key
 * lifetime (a lost connection, a killed terminal) names the same jobs instead of adding new ones.
 * A full queue (429) is waited out as its {@code Retry-After} says.
 */
final class RemoteIngest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final JsonDocumentCodec codec = new JsonDocumentCodec(Json.mapper());

  RemoteIngest(String server) {
    this.base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
  }

  /**
   * @return the finished jobs' JSON, in submission order
   */
  List<JsonNode> run(Iterator<Document> documents, int chunk, ProgressBar bar) throws IOException, InterruptedException {
    List<String> jobs = new ArrayList<>();
    List<Document> batch = new ArrayList<>(chunk);
    while (documents.hasNext()) {
      batch.add(documents.next());
      if (batch.size() == chunk || !documents.hasNext()) {
        jobs.add(submit(codec.encode(io.quarry.server.jobs.DocumentCodec.Batch.of(batch))));
        batch.clear();
      }
    }
    List<JsonNode> finished = new ArrayList<>();
    long before = 0;
    for (String id : jobs) {
      while (true) {
        JsonNode j = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs/" + id)).GET()).body());
        JsonNode c = j.get("counts");
        long done = c.get("indexed").asLong() + c.get("unchanged").asLong() + c.get("failed").asLong();
        bar.update(before + done, String.format(Locale.ROOT, "job %d of %d, %,d passages", finished.size() + 1,
            jobs.size(), j.get("passages").asLong()));
        if (!j.has("poll_after_ms")) {
          finished.add(j);
          before += c.get("total").asLong();
          break;
        }
        // the server's hint grows with the job's age; a terminal wants to see movement sooner
        Thread.sleep(Math.min(1000, j.get("poll_after_ms").asLong()));
      }
    }
    return finished;
  }

  private String submit(byte[] body) throws IOException, InterruptedException {
    while (true) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v1/ingest"))
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", "cli-" + Hashes.sha256(body).substring(0, 32))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
      if (r.statusCode() == 202) {
        return JSON.readTree(r.body()).get("job").asText();
      }
      if (r.statusCode() == 429) {
        long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(5L);
        Thread.sleep(Duration.ofSeconds(wait).toMillis());
        continue;
      }
      throw new IOException("the server refused the batch: " + r.statusCode() + " " + detail(r.body()));
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    String key = System.getenv(io.quarry.server.config.QuarryConfig.API_KEY_ENV); // a server that needs keys: one with scope write
    if (key != null && !key.isBlank()) {
      b.header("Authorization", "Bearer " + key.strip());
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IOException("cannot reach the server at " + base + ": is `quarry serve` running there?", e);
    }
  }

  private static String detail(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n.has("detail") ? n.get("detail").asText() : body;
    } catch (IOException e) {
      return body;
    }
  }
}
