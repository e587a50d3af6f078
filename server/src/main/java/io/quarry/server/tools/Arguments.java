package io.quarry.server.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading typed, optional arguments out of a call's arguments object. */
final class Arguments {

  private final JsonNode node;

  Arguments(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new ToolException("the arguments must be a JSON object");
    }
    if (!node.isObject()) {
      throw new ToolException("the arguments must be a JSON object, not " + node.getNodeType().name().toLowerCase());
    }
    this.node = node;
  }

  JsonNode raw() {
    return node;
  }

  boolean has(String name) {
    return node.hasNonNull(name);
  }

  String requiredString(String name) {
    String s = string(name);
    if (s == null || s.isBlank()) {
      throw new ToolException("argument '" + name + "' is required and must be a non-empty string");
    }
    return s;
  }

  String string(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ToolException("argument '" + name + "' must be a string");
    }
    return v.asText();
  }

  int integer(String name, int fallback, int min, int max) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() && !(v.isTextual() && v.asText().strip().matches("-?\\d{1,9}"))) {
      throw new ToolException("argument '" + name + "' must be an integer in " + min + ".." + max);
    }
    long n = v.isTextual() ? Long.parseLong(v.asText().strip()) : v.asLong();
    if (n < min || n > max) {
      throw new ToolException("argument '" + name + "' is " + n + ", must be in " + min + ".." + max);
    }
    return (int) n;
  }

  boolean bool(String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new ToolException("argument '" + name + "' must be true or false");
    }
    return v.asBoolean();
  }
}
