package io.quarry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route, kept as YAML beside the
 * code ({@code io/quarry/server/openapi.yaml}) and served as JSON. {@code OpenApiTest} holds it
 * to the real routes both ways.
 */
public final class OpenApiRoutes {

  public static final String RESOURCE = "/io/quarry/server/openapi.yaml";

  private final byte[] json;

  public OpenApiRoutes(ObjectMapper mapper) {
    try {
      this.json = mapper.writeValueAsBytes(document());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document, parsed. */
  public static JsonNode document() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void get(Context ctx) {
    ctx.contentType("application/json").result(json);
  }
}
