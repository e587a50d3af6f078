package io.quarry.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.quarry.server.tools.Tools;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/tools} and {@code POST /v1/tools/call}: Quarry as a tool for any LLM loop.
 *
 * <p>A call is {@code {"name", "arguments"}}, arguments as an object or as the JSON string an
 * OpenAI-compatible model emits; an OpenAI {@code tool_call} object ({@code {"id", "function":
 * {"name", "arguments"}}}) is taken as it is. The answer is {@code {"name", "content", "is_error"}}
 * (and {@code tool_call_id} when the call had an id), ready for a {@code role: tool} message. A
 * malformed envelope or an unknown tool is a 400; a mistake in the arguments is an error result
 * the model reads ({@code is_error: true}), as in MCP.
 */
public final class ToolRoutes {

  private final Tools tools;
  private final ObjectMapper mapper;

  public ToolRoutes(Tools tools, ObjectMapper mapper) {
    this.tools = tools;
    this.mapper = mapper;
  }

  public void list(Context ctx) {
    ctx.json(Map.of("tools", tools.functionDefinitions()));
  }

  public void call(Context ctx) throws IOException {
    JsonNode body = mapper.readTree(Bodies.bytes(ctx));
    if (body == null || !body.isObject()) {
      throw new BadRequest("the request body must be a JSON object: {\"name\": \"search\", \"arguments\": {...}}");
    }
    JsonNode id = body.get("id");
    JsonNode call = body.has("function") ? body.get("function") : body;
    String where = body.has("function") ? "function." : "";
    if (!call.isObject()) {
      throw new BadRequest("field 'function' must be an object with 'name' and 'arguments'");
    }
    JsonNode name = call.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw new BadRequest("field '" + where + "name' is required: one of " + names());
    }
    if (tools.find(name.asText()).isEmpty()) {
      throw new BadRequest("field '" + where + "name': unknown tool '" + name.asText() + "', must be one of "
          + names());
    }
    JsonNode arguments = arguments(call.get("arguments"), where);
    Tools.Outcome outcome = tools.call(name.asText(), arguments);
    Map<String, Object> out = new LinkedHashMap<>();
    if (id != null && id.isTextual()) {
      out.put("tool_call_id", id.asText());
    }
    out.put("name", name.asText());
    out.put("content", outcome.text());
    out.put("is_error", outcome.error());
    ctx.json(out);
  }

  private JsonNode arguments(JsonNode args, String where) {
    if (args == null || args.isNull()) {
      return mapper.createObjectNode();
    }
    if (args.isTextual()) {
      String s = args.asText().strip();
      if (s.isEmpty()) {
        return mapper.createObjectNode();
      }
      try {
        args = mapper.readTree(s);
      } catch (JsonProcessingException e) {
        throw new BadRequest("field '" + where + "arguments' is a string that is not JSON: "
            + e.getOriginalMessage());
      }
    }
    if (!args.isObject()) {
      throw new BadRequest("field '" + where + "arguments' must be a JSON object (or a string holding one)");
    }
    return args;
  }

  private String names() {
    return tools.all().stream().map(t -> t.name()).toList().toString();
  }
}
