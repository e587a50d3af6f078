package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import io.quarry.server.http.OpenApiRoutes;
import io.quarry.server.mcp.McpEndpoint;
import io.quarry.server.security.Scope;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /openapi.json} against the server: every route is described, every described route
 * exists, scopes agree, the document parses, and every example and a set of real responses
 * validate against their schemas.
 */
class OpenApiTest {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

  @TempDir Path data;

  private final JsonNode doc = OpenApiRoutes.document();

  @Test
  void should_parse_as_openapi_3_1_without_messages() throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    String json = ApiTestSupport.JSON.writeValueAsString(doc);
    SwaggerParseResult r = new OpenAPIParser().readContents(json, null, options);
    assertNotNull(r.getOpenAPI(), String.valueOf(r.getMessages()));
    assertEquals(List.of(), r.getMessages());
    assertEquals("3.1.0", r.getOpenAPI().getOpenapi());
    Set<String> paths = new TreeSet<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertEquals(paths, new TreeSet<>(r.getOpenAPI().getPaths().keySet()));
  }

  @Test
  void should_describe_every_route_and_only_routes_that_exist_with_their_scopes() throws Exception {
    Map<String, String> routes = new TreeMap<>(); // "GET /v1/search" -> scope
    Map<String, String> s = new HashMap<>();
    s.put("data.dir", data.toString());
    s.put("index.vectors", "false");
    QuarryConfig config = QuarryConfig.from(Settings.of(s));
    App.create(Startup.begin(() -> { throw new IllegalStateException("not started"); }), config, (HandlerMetaInfo h) -> {
      if (h.getHttpMethod().isHttpMethod() && h.getHttpMethod() != HandlerType.HEAD
          && h.getHttpMethod() != HandlerType.OPTIONS) {
        routes.put(h.getHttpMethod().name() + " " + h.getPath(), ((Scope) h.getRoles().iterator().next()).wire());
      }
    });
    for (String m : List.of("GET", "POST", "DELETE")) { // the MCP servlet, beside Javalin's routes
      routes.put(m + " " + McpEndpoint.PATH, Scope.READ.wire());
    }
    Map<String, String> described = new TreeMap<>();
    doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      if (METHODS.contains(op.getKey())) {
        JsonNode scope = op.getValue().get("x-quarry-scope");
        assertNotNull(scope, op.getKey() + " " + p.getKey() + " names no x-quarry-scope");
        described.put(op.getKey().toUpperCase() + " " + p.getKey(), scope.asText());
      }
    }));
    assertEquals(routes.keySet(), described.keySet(), "routes (left) against the description (right)");
    assertEquals(routes, described, "scopes");
  }

  @Test
  void should_have_every_example_valid_against_its_schema() {
    List<String> failures = new ArrayList<>();
    int[] checked = {0};
    doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
      if (!METHODS.contains(op.getKey())) {
        return;
      }
      String where = op.getKey().toUpperCase() + " " + p.getKey();
      JsonNode body = op.getValue().path("requestBody").path("content");
      body.properties().forEach(media -> checkExamples(where + " request " + media.getKey(), media.getValue(),
          failures, checked));
      op.getValue().path("responses").properties().forEach(res -> resolve(res.getValue()).path("content").properties()
          .forEach(media -> {
            String at = where + " " + res.getKey() + " " + media.getKey();
            if (media.getKey().endsWith("json") && !media.getValue().has("example") && !media.getValue().has("examples")) {
              failures.add(at + ": no example");
            }
            checkExamples(at, media.getValue(), failures, checked);
          }));
    }));
    assertEquals(List.of(), failures);
    assertTrue(checked[0] >= 30, "examples checked: " + checked[0]);
  }

  @Test
  void should_describe_what_the_server_really_answers() throws Exception {
    Path notes = Files.createDirectories(data.resolve("notes"));
    Files.writeString(notes.resolve("a.md"), "---\ntitle: A note\n---\nAbout aspirin.\n");
    try (ApiTestSupport api = new ApiTestSupport(data, Map.of("connectors.roots", notes.toString()))) {
      assertEquals(200, api.post("/v1/documents", ApiTest.DOCS).status());
      HttpResponse<String> served = raw(api, "GET", "/openapi.json", null);
      assertEquals(200, served.statusCode());
      assertEquals(doc, ApiTestSupport.JSON.readTree(served.body()));
      List<String> failures = new ArrayList<>();
      conform(api, failures, "GET", "/health", null, "200");
      conform(api, failures, "GET", "/ready", null, "200");
      conform(api, failures, "GET", "/v1/stats", null, "200");
      conform(api, failures, "POST", "/v1/search", "{\"query\": \"aspirin\", \"explain\": true}", "200");
      conform(api, failures, "POST", "/v1/search", "{\"k\": 3}", "400");
      conform(api, failures, "GET", "/v1/documents/{id}", "statins", "200");
      conform(api, failures, "GET", "/v1/documents/{id}", "nope", "404");
      conform(api, failures, "POST", "/v1/ingest", "{\"documents\": [{\"id\": \"n1\", \"text\": \"a note\"}]}", "202");
      conform(api, failures, "GET", "/v1/jobs", null, "200");
      conform(api, failures, "GET", "/v1/dead-letters", null, "200");
      conform(api, failures, "GET", "/v1/connectors", null, "200");
      conform(api, failures, "GET", "/v1/graph/entities", "?q=aspirin", "200");
      conform(api, failures, "GET", "/v1/tools", null, "200");
      conform(api, failures, "POST", "/v1/tools/call", "{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin\"}}", "200");
      String source = "{\"source\": {\"type\": \"directory\", \"path\": \"" + notes + "\"}}";
      conform(api, failures, "POST", "/v1/ingest", source, "202");
      conform(api, failures, "POST", "/v1/ingest", source, "200");
      conform(api, failures, "GET", "/v1/config", null, "200");
      conform(api, failures, "POST", "/v1/admin/reload", null, "409");
      conform(api, failures, "GET", "/v1/bench/latest", null, "404");
      conform(api, failures, "GET", "/metrics", null, "200");
      assertEquals(List.of(), failures);
    }
  }

  /** Sends a request to a described route and validates the answer against its schema. */
  private void conform(ApiTestSupport api, List<String> failures, String method, String route, String arg,
      String status) throws Exception {
    String path = route;
    String body = null;
    if (route.contains("{id}")) {
      path = route.replace("{id}", arg);
    } else if (arg != null && arg.startsWith("?")) {
      path = route + arg;
    } else {
      body = arg;
    }
    HttpResponse<String> r = raw(api, method, path, body);
    String where = method + " " + path + " -> " + r.statusCode();
    if (!String.valueOf(r.statusCode()).equals(status)) {
      failures.add(where + ", expected " + status + ": " + r.body());
      return;
    }
    JsonNode response = resolve(doc.get("paths").get(route).get(method.toLowerCase()).get("responses").get(status));
    String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0];
    JsonNode media = response.path("content").get(type);
    if (media == null) {
      failures.add(where + ": content type " + type + " is not described");
      return;
    }
    JsonNode value = type.startsWith("text/") ? ApiTestSupport.JSON.getNodeFactory().textNode(r.body())
        : ApiTestSupport.JSON.readTree(r.body());
    validate(where, media.get("schema"), value, failures);
  }

  private static HttpResponse<String> raw(ApiTestSupport api, String method, String path, String body) throws Exception {
    return api.http.send(HttpRequest.newBuilder(URI.create(api.base + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void checkExamples(String where, JsonNode media, List<String> failures, int[] checked) {
    JsonNode schema = media.get("schema");
    if (schema == null) {
      failures.add(where + ": no schema");
      return;
    }
    if (media.has("example")) {
      validate(where + " example", schema, media.get("example"), failures);
      checked[0]++;
    }
    media.path("examples").properties().forEach(e -> {
      validate(where + " example " + e.getKey(), schema, e.getValue().get("value"), failures);
      checked[0]++;
    });
  }

  private void validate(String where, JsonNode schema, JsonNode value, List<String> failures) {
    if (schema.path("type").asText().equals("string") && value.isTextual()) {
      return; // text/plain and event streams
    }
    Schema s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(resolve(schema));
    var errors = s.validate(value);
    if (!errors.isEmpty()) {
      failures.add(where + ": " + errors);
    }
  }

  /** A copy of {@code node} with every local {@code $ref} replaced by what it points at. */
  private JsonNode resolve(JsonNode node) {
    if (node.isObject()) {
      if (node.has("$ref")) {
        return resolve(doc.at(node.get("$ref").asText().substring(1)));
      }
      ObjectNode out = ApiTestSupport.JSON.createObjectNode();
      node.properties().forEach(e -> out.set(e.getKey(), resolve(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = ApiTestSupport.JSON.createArrayNode();
      node.forEach(n -> out.add(resolve(n)));
      return out;
    }
    return node;
  }
}
