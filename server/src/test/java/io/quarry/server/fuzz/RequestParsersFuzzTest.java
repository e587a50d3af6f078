package io.quarry.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.javalin.Javalin;
import io.quarry.server.App;
import io.quarry.server.Engine;
import io.quarry.server.Startup;
import io.quarry.server.Wiring;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the request parsers through HTTP: search, documents, ingest, tools/call and MCP. No
 * input may get a 5xx, and every answer must come within the client's timeout (no hang).
 *
 * <p>With {@code JAZZER_FUZZ=1} (as {@code .ci/run} sets it) Jazzer mutates inputs, guided by
 * coverage, for {@code maxDuration}; without it the test replays the seeds under {@code
 * src/test/resources/io/quarry/server/fuzz/RequestParsersFuzzTestInputs}. The first byte picks
 * the route; the rest is the body, structured JSON often, malformed as often.
 */
class RequestParsersFuzzTest {

  private static final String[] ROUTES = {"/v1/search", "/v1/documents", "/v1/ingest", "/v1/tools/call", "/mcp"};
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** A stack frame, a Java exception class, or a file under the data directory. */
  private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
      "\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|\\b(?:java|com|io|org)\\.[\\w.]+(?:Exception|Error)\\b|quarry-fuzz\\d+");

  private static Engine engine;
  private static Javalin app;
  private static String base;
  static long inputs;

  private static synchronized String base() throws Exception {
    if (base == null) {
      Path data = Files.createTempDirectory("quarry-fuzz");
      QuarryConfig config = QuarryConfig.from(Settings.of(Map.of("data.dir", data.toString(), "index.vectors", "false",
          "server.max_body_bytes", "65536", "server.max_batch", "20", "ingest.max_documents", "20",
          "ingest.queue_documents", "1000000")));
      engine = Wiring.engine(config);
      app = App.create(Startup.of(engine), config).start("127.0.0.1", 0);
      base = "http://127.0.0.1:" + app.port();
    }
    return base;
  }

  private static String session;

  private static synchronized String mcpSession() throws Exception {
    if (session == null) {
      String init = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}";
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/mcp"))
          .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString(init)).build(), HttpResponse.BodyHandlers.ofString());
      session = r.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(
          "initialize gave no session: " + r.statusCode() + " " + r.body()));
      HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/mcp")).header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", session)
          .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
    }
    return session;
  }

  @AfterAll
  static void stop() throws Exception {
    System.out.println("fuzz inputs tried: " + inputs);
    if (app != null) {
      app.stop();
      engine.close();
    }
  }

  // 60 s: about 57,000 inputs on a developer machine, fewer on CI's two busy cores
  @FuzzTest(maxDuration = "60s")
  void no_input_gets_a_5xx_or_hangs(FuzzedDataProvider in) throws Exception {
    String route = ROUTES[in.consumeInt(0, ROUTES.length - 1)];
    byte[] body = in.consumeRemainingAsBytes();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + route))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (route.equals("/mcp")) {
      // inside an initialized session, so fuzzed messages reach the JSON-RPC dispatch and the tools
      b.header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", mcpSession());
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    inputs++;
    assertTrue(r.statusCode() < 500, route + " answered " + r.statusCode() + " to " + new String(body) + ": " + r.body());
    String input = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    java.util.regex.Matcher m = INTERNALS.matcher(r.body());
    while (m.find()) {
      // an answer may echo the input (an unknown field's name); anything else is the server's own
      assertTrue(input.contains(m.group()), "internals in the answer (" + m.group() + "): " + r.body());
    }
  }

}
