package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.quarry.core.search.InvalidRequestException;
import io.quarry.server.http.Json;
import io.quarry.server.http.Problems;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The server's exception mapping: only a request-validation exception is a 400; an internal
 * IllegalArgumentException, or anything else, is a 500 with a short problem body and an id the log
 * has too, never a stack trace.
 */
class ProblemsTest {

  private static final ObjectMapper JSON = Json.mapper();

  private static JsonNode call(Javalin app, String path, int expectedStatus) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(expectedStatus, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    return JSON.readTree(r.body());
  }

  @Test
  void should_answer_400_only_for_a_request_the_client_can_fix() throws Exception {
    Problems problems = new Problems(JSON);
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.routes.get("/invalid", ctx -> {
        throw new InvalidRequestException("k", "field 'k' is 0, must be in 1..1000");
      });
      c.routes.get("/bug", ctx -> {
        throw new IllegalArgumentException("illegal internal state: secret path /etc/quarry");
      });
      c.routes.get("/npe", ctx -> {
        throw new NullPointerException("oops");
      });
      problems.register(c.routes);
    }).start("127.0.0.1", 0);
    try {
      JsonNode bad = call(app, "/invalid", 400);
      assertEquals("field 'k' is 0, must be in 1..1000", bad.get("detail").asText());
      assertFalse(bad.has("id"));
      for (String path : new String[] {"/bug", "/npe"}) {
        JsonNode bug = call(app, path, 500);
        assertEquals("urn:quarry:problem:internal", bug.get("type").asText());
        String id = bug.get("id").asText();
        assertEquals(36, id.length(), "a UUID: " + id);
        assertTrue(bug.get("detail").asText().endsWith("problem " + id), bug.toString());
        assertFalse(bug.toString().contains("secret") || bug.toString().contains("oops")
            || bug.toString().contains("at io.quarry"), "no internals: " + bug);
      }
    } finally {
      app.stop();
    }
  }
}
