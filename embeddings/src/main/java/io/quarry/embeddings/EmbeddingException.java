package io.quarry.embeddings;

/**
 * An encoder failed to produce embeddings: the model runtime failed, a remote server answered an
 * error or a malformed response, or the encoder was interrupted. The message names the model id.
 */
public class EmbeddingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EmbeddingException(String message) {
    super(message);
  }

  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
