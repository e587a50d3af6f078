package io.quarry.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer running as a child process that speaks one JSON object per line: a request on its
 * stdin, exactly one answer on its stdout, {@code {"ok": true, ...}} or {@code {"ok": false,
 * "error": "..."}}. Its stderr goes to a log file, whose tail is quoted when it fails.
 *
 * <p>One request at a time (the runner is single-threaded). A request that gets no answer within
 * its timeout, or a process that exits, is an {@link IOException}; the process is then killed.
 */
final class PeerProcess implements Closeable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String EOF = "\u0000eof";

  private final String name;
  private final Process process;
  private final BufferedWriter stdin;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(16);
  private final Path log;

  /**
   * Starts {@code command} in {@code dir}, stderr appended to {@code log}.
   *
   * @throws IOException when it cannot be started
   */
  PeerProcess(String name, List<String> command, Path dir, Path log) throws IOException {
    this.name = name;
    this.log = log;
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    this.process = pb.start();
    this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    Thread reader = new Thread(this::pump, "peer-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("{")) { // anything else is a library printing to stdout: ignored
          lines.put(line);
        }
      }
    } catch (IOException | InterruptedException e) {
      // the process went away; the caller sees EOF
    }
    try {
      lines.put(EOF);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A new request object with {@code op} set. */
  static ObjectNode request(String op) {
    return MAPPER.createObjectNode().put("op", op);
  }

  /**
   * Sends one request and waits for its answer.
   *
   * @return the answer, {@code ok} true
   * @throws IOException when the peer answers {@code ok: false}, exits, or is silent for {@code
   *     timeout}
   */
  JsonNode call(ObjectNode request, Duration timeout) throws IOException {
    String op = request.path("op").asText();
    try {
      stdin.write(MAPPER.writeValueAsString(request));
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      throw failure("could not send '" + op + "': " + e.getMessage());
    }
    String line;
    try {
      line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for peer " + name, e);
    }
    if (line == null) {
      process.destroyForcibly();
      throw failure("no answer to '" + op + "' within " + timeout.toSeconds() + " s");
    }
    if (line.equals(EOF)) {
      throw failure("exited during '" + op + "'");
    }
    JsonNode answer = MAPPER.readTree(line);
    if (!answer.path("ok").asBoolean(false)) {
      throw failure("'" + op + "' failed: " + answer.path("error").asText(line));
    }
    return answer;
  }

  /**
   * Sends {@code {"op": "search", "leg", "text", "k", "vector"?}} and reads {@code {"hits": [[id,
   * score], ...], "ms": search time}}.
   */
  PeerAnswer search(String leg, PeerQuery query, Duration timeout) throws IOException {
    ObjectNode r = request("search").put("leg", leg).put("text", query.text()).put("k", query.k());
    if (query.vector() != null) {
      com.fasterxml.jackson.databind.node.ArrayNode v = r.putArray("vector");
      for (float f : query.vector()) {
        v.add(f);
      }
    }
    JsonNode answer = call(r, timeout);
    List<io.quarry.bench.backend.RankedHit> hits = new java.util.ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (JsonNode h : answer.path("hits")) {
      String id = h.get(0).asText();
      if (seen.add(id) && hits.size() < query.k()) {
        hits.add(new io.quarry.bench.backend.RankedHit(id, h.get(1).asDouble(), null));
      }
    }
    return new PeerAnswer(hits, answer.path("ms").asDouble());
  }

  private IOException failure(String what) {
    return new IOException("peer " + name + " " + what + "; log " + log + ":\n" + tail());
  }

  private String tail() {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Asks it to stop (closing its stdin), then kills it if it has not within 5 s. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
