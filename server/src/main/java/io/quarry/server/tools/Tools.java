package io.quarry.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.server.Startup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools Quarry offers to LLMs, by name. */
public final class Tools {

  private final Map<String, Tool> byName = new LinkedHashMap<>();

  public Tools(List<Tool> tools) {
    for (Tool t : tools) {
      if (byName.putIfAbsent(t.name(), t) != null) {
        throw new IllegalArgumentException("two tools named " + t.name());
      }
    }
  }

  /** Search and fetch over {@code startup}'s engine; queries of at most {@code maxQueryChars}. */
  public static Tools standard(Startup startup, ObjectMapper mapper, int maxQueryChars) {
    return new Tools(List.of(new SearchTool(startup, mapper, maxQueryChars), new FetchTool(startup, mapper)));
  }

  public List<Tool> all() {
    return List.copyOf(byName.values());
  }

  public Optional<Tool> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The definitions in the function-calling format OpenAI-compatible clients and Ollama's {@code
   * /api/chat} accept: {@code {"type": "function", "function": {"name", "description",
   * "parameters"}}}.
   */
  public List<Map<String, Object>> functionDefinitions() {
    return byName.values().stream().map(t -> {
      Map<String, Object> fn = new LinkedHashMap<>();
      fn.put("name", t.name());
      fn.put("description", t.description());
      fn.put("parameters", t.parameters());
      Map<String, Object> def = new LinkedHashMap<>();
      def.put("type", "function");
      def.put("function", fn);
      return def;
    }).toList();
  }

  /** The outcome of a call: the text a model reads, and whether it reports an error. */
  public record Outcome(String text, boolean error) {}

  /**
   * Calls {@code name}; a {@link ToolException} becomes an error outcome carrying its message.
   *
   * @throws IllegalArgumentException when there is no such tool
   */
  public Outcome call(String name, JsonNode arguments) {
    Tool t = find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown tool '" + name + "', must be one of " + byName.keySet()));
    try {
      return new Outcome(t.call(arguments), false);
    } catch (ToolException e) {
      return new Outcome(e.getMessage(), true);
    }
  }
}
