package io.quarry.server.tools;

/**
 * A call a model got wrong (a bad argument, an unknown document): its message names the argument
 * and says what would work, so the model can correct itself. It is returned as an error result,
 * not as an HTTP error, as MCP's {@code isError} is.
 */
public final class ToolException extends RuntimeException {

  public ToolException(String message) {
    super(message);
  }
}
