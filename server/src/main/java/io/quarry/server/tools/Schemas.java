package io.quarry.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Small builders for the JSON Schemas of tool arguments. */
final class Schemas {

  private Schemas() {}

  static ObjectNode object(ObjectMapper m) {
    ObjectNode o = m.createObjectNode().put("type", "object");
    o.set("properties", m.createObjectNode());
    o.set("required", m.createArrayNode());
    o.put("additionalProperties", false);
    return o;
  }

  static ObjectNode string(ObjectMapper m, String description) {
    return m.createObjectNode().put("type", "string").put("description", description);
  }

  static ObjectNode date(ObjectMapper m, String description) {
    return string(m, description + " YYYY-MM-DD.").put("format", "date");
  }

  static ObjectNode integer(ObjectMapper m, String description, int min, int max, int fallback) {
    return m.createObjectNode().put("type", "integer").put("description", description)
        .put("minimum", min).put("maximum", max).put("default", fallback);
  }

  /** Refuses an argument the schema does not name, listing those it does. */
  static void rejectUnknown(JsonNode arguments, ObjectNode schema) {
    JsonNode known = schema.get("properties");
    List<String> names = new ArrayList<>();
    known.fieldNames().forEachRemaining(names::add);
    arguments.fieldNames().forEachRemaining(f -> {
      if (!known.has(f)) {
        throw new ToolException("unknown argument '" + f + "': the arguments are " + names);
      }
    });
  }
}
