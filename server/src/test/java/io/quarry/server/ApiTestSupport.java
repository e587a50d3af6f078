package io.quarry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real server on a free port over a real engine, and a tiny HTTP client for it. */
final class ApiTestSupport implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final Engine engine;
  final Javalin app;
  final HttpClient http = HttpClient.newHttpClient();
  final String base;

  ApiTestSupport(Path data, Map<String, String> settings) {
    this(data, settings, java.util.List.of());
  }

  /** A server whose deep search also runs {@code extraDeepLegs} (deliberately slow, failing, ...). */
  ApiTestSupport(Path data, Map<String, String> settings, java.util.List<io.quarry.core.search.leg.RetrievalLeg> extraDeepLegs) {
    this(data, settings, extraDeepLegs, java.time.Clock.systemUTC());
  }

  /** A server configured as {@code quarry serve --config file} would be, with this environment. */
  ApiTestSupport(Path data, Path configFile, Map<String, String> env, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("data.dir", data.toString());
    QuarryConfig config = QuarryConfig.from(Settings.load(configFile, env, all));
    this.engine = Wiring.engine(config);
    this.app = App.create(Startup.of(engine), config).start("127.0.0.1", 0);
    this.base = "http://127.0.0.1:" + app.port();
  }

  /** A server whose "now" is {@code clock} (ingest ages, key lifetimes, freshness). */
  ApiTestSupport(Path data, Map<String, String> settings, java.util.List<io.quarry.core.search.leg.RetrievalLeg> extraDeepLegs,
      java.time.Clock clock) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("data.dir", data.toString());
    all.putIfAbsent("server.max_body_bytes", "65536");
    all.putIfAbsent("server.max_batch", "50");
    // the extra legs get their search.legs.* and search.weights.* keys like the built-in ones
    QuarryConfig config = QuarryConfig.from(Settings.of(all),
        extraDeepLegs.stream().map(io.quarry.core.search.leg.RetrievalLeg::name).toList());
    this.engine = Wiring.engine(config, extraDeepLegs, clock);
    this.app = App.create(Startup.of(engine), config).start("127.0.0.1", 0);
    this.base = "http://127.0.0.1:" + app.port();
  }

  record Reply(int status, String contentType, JsonNode json) {

    /** The {@code dropped} entry naming {@code leg}, or null. */
    JsonNode dropped(String leg) {
      for (JsonNode d : json.get("dropped")) {
        if (d.get("leg").asText().equals(leg)) {
          return d;
        }
      }
      return null;
    }
  }

  Reply send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), json);
  }

  Reply post(String path, String body) throws Exception {
    return send("POST", path, body);
  }

  Reply get(String path) throws Exception {
    return send("GET", path, null);
  }

  @Override
  public void close() throws Exception {
    app.stop();
    engine.close();
  }
}
