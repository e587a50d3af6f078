package io.quarry.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A function an LLM can call: its name, what it is for, the JSON Schema of its arguments, and
 * the call itself. The same tool serves {@code /v1/tools} (OpenAI- and Ollama-style function
 * calling) and the MCP server.
 */
public interface Tool {

  /** The name a model calls it by: lower case and underscores. */
  String name();

  /** What the tool does and when to call it, written for a model to read. */
  String description();

  /** The JSON Schema (draft 2020-12 subset) of the arguments object. */
  ObjectNode parameters();

  /**
   * Runs the tool.
   *
   * @param arguments the arguments object
   * @return the text a model reads: compact JSON
   * @throws ToolException for bad arguments or a missing document: the message is for the model
   */
  String call(JsonNode arguments);
}
