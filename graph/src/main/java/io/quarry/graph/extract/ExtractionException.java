package io.quarry.graph.extract;

/** An extractor could not extract a document (an LLM that failed, answered late, or off-schema). */
public class ExtractionException extends RuntimeException {
  public ExtractionException(String message, Throwable cause) {
    super(message, cause);
  }

  public ExtractionException(String message) {
    super(message);
  }
}
