package io.quarry.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarry.server.jobs.IdempotencyConflictException;
import io.quarry.server.jobs.QueueFullException;
import io.quarry.server.security.Denied;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.quarry.core.search.InvalidRequestException;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into RFC 9457 problem responses
 * ({@code application/problem+json}). Client mistakes become 4xx with a detail that names the
 * field ({@link BadRequest}, {@link InvalidRequestException}, malformed JSON); anything else is a
 * 500 whose short body carries an id that the server log has with the stack trace, which the
 * client never sees.
 */
public final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  static final String CONTENT_TYPE = "application/problem+json";

  private final ObjectMapper mapper;

  public Problems(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Registers the exception handlers. Javalin raises its own 404 (unknown route) and 413 (body
   * too large) as {@link HttpResponseException}s, so they come out as problems too.
   */
  public void register(RoutesConfig routes) {
    routes.exception(BadRequest.class, (e, ctx) ->
        send(ctx, Problem.of(e.status() == 413 ? "too-large" : "invalid-request",
            e.status() == 413 ? "Request too large" : "Invalid request", e.status(), e.getMessage())));
    routes.exception(UnrecognizedPropertyException.class, (e, ctx) -> send(ctx, Problem.of(
        "unknown-field", "Unknown field", 400, "unknown field '" + path(e) + "'; accepted fields: "
            + e.getKnownPropertyIds().stream().map(Object::toString)
                .collect(Collectors.toCollection(TreeSet::new)))));
    routes.exception(MismatchedInputException.class, (e, ctx) -> send(ctx, Problem.of(
        "invalid-request", "Invalid request", 400, mismatch(e))));
    // Jackson guesses the encoding from the first bytes; a body that is no UTF-8, -16 or -32
    // fails with this IOException, not a parse exception (found by RequestParsersFuzzTest)
    routes.exception(java.io.CharConversionException.class, (e, ctx) -> send(ctx, Problem.of(
        "malformed-json", "Malformed JSON", 400, "the body is not valid JSON text: send UTF-8")));
    routes.exception(StreamReadException.class, (e, ctx) -> send(ctx, Problem.of(
        "malformed-json", "Malformed JSON", 400, "the body is not valid JSON: " + firstLine(e))));
    routes.exception(JsonMappingException.class, (e, ctx) -> send(ctx, Problem.of(
        "invalid-request", "Invalid request", 400, mappingDetail(e))));
    // Only a request-validation exception is the client's fault; any other IllegalArgumentException
    // is a bug on this side and falls through to the 500 below.
    routes.exception(InvalidRequestException.class, (e, ctx) -> send(ctx, Problem.of(
        "invalid-request", "Invalid request", 400, e.getMessage())));
    routes.exception(QueueFullException.class, (e, ctx) -> {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      send(ctx, Problem.of("queue-full", "Too many requests", 429, e.getMessage()));
    });
    routes.exception(IdempotencyConflictException.class, (e, ctx) -> send(ctx, Problem.of(
        "idempotency-key-reused", "Idempotency-Key reused", 422, e.getMessage())));
    routes.exception(Denied.class, (e, ctx) -> {
      e.headers().forEach(ctx::header);
      send(ctx, Problem.of(switch (e.status()) {
        case 401 -> "unauthorized";
        case 403 -> "forbidden";
        default -> "rate-limited";
      }, switch (e.status()) {
        case 401 -> "Unauthorized";
        case 403 -> "Forbidden";
        default -> "Too many requests";
      }, e.status(), e.getMessage()));
    });
    routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, Problem.of(
        slug(e.getStatus()), title(e.getStatus()), e.getStatus(), e.getMessage())));
    routes.exception(Exception.class, (e, ctx) -> {
      String id = UUID.randomUUID().toString();
      LOG.error("problem {}: unhandled error on {} {}", id, ctx.method(), ctx.path(), e);
      send(ctx, Problem.of("internal", "Internal error", 500,
          "the server failed to handle the request; the server log has it under problem " + id).withId(id));
    });
  }

  /** Writes a problem response. */
  public void send(Context ctx, Problem p) {
    try {
      ctx.status(p.status()).contentType(CONTENT_TYPE).result(mapper.writeValueAsString(p));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a Problem record always serialises", e);
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String mismatch(MismatchedInputException e) {
    if (e.getPath().isEmpty()) {
      return e.getMessage() != null && e.getMessage().startsWith("No content")
          ? "the request body is empty: send a JSON object"
          : "the body must be a JSON object: " + firstLine(e);
    }
    String type = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
    return "field '" + path(e) + "' must be " + type;
  }

  private static String mappingDetail(JsonMappingException e) {
    return e.getPath().isEmpty() ? firstLine(e) : "field '" + path(e) + "': " + firstLine(e);
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    return "a JSON object";
  }

  private static String firstLine(Exception e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static String slug(int status) {
    return switch (status) {
      case 404 -> "not-found";
      case 409 -> "conflict";
      case 422 -> "unprocessable";
      case 413 -> "too-large";
      case 503 -> "unavailable";
      default -> status < 500 ? "invalid-request" : "internal";
    };
  }

  private static String title(int status) {
    return switch (status) {
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 422 -> "Unprocessable content";
      case 413 -> "Request too large";
      case 503 -> "Service unavailable";
      default -> status < 500 ? "Invalid request" : "Internal error";
    };
  }
}
