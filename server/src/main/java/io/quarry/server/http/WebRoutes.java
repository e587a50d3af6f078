package io.quarry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code GET /}: the search page, one self-contained HTML file (no build step, no external
 * requests); and {@code GET /v1/bench/latest}, the newest benchmark run it shows.
 */
public final class WebRoutes {

  static final String PAGE = "/io/quarry/server/web/index.html";

  private final byte[] page;
  private final Path benchRuns;
  private final ObjectMapper mapper;

  /**
   * @param benchRuns a {@code run.json}, or a directory of them (the bench's history, {@code
   *     runs/0001.json} ...): the newest is shown
   */
  public WebRoutes(Path benchRuns, ObjectMapper mapper) {
    this.benchRuns = benchRuns;
    this.mapper = mapper;
    try (InputStream in = WebRoutes.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException(PAGE + " is missing from the jar");
      }
      this.page = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void page(Context ctx) {
    // the page talks to this origin only
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline' 'self'; style-src"
        + " 'unsafe-inline' 'self'; img-src 'self' data:");
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  public void latestBench(Context ctx) throws IOException {
    Path run = latest().orElseThrow(() -> new HttpResponseException(404, "no benchmark run at web.bench_runs="
        + benchRuns + ": quarry-bench run writes one (runs/0001.json ...)"));
    JsonNode json = mapper.readTree(run.toFile());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", run.getFileName().toString());
    out.put("run", json);
    ctx.json(out);
  }

  private Optional<Path> latest() throws IOException {
    if (Files.isRegularFile(benchRuns)) {
      return Optional.of(benchRuns);
    }
    if (!Files.isDirectory(benchRuns)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(benchRuns)) {
      // numbered history files sort by name; the newest is the last
      return files.filter(p -> p.getFileName().toString().matches("\\d+\\.json") && Files.isRegularFile(p))
          .max(Comparator.comparing(p -> p.getFileName().toString()));
    }
  }
}
