package io.quarry.embeddings.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Lets a caller stop an ONNX Runtime run it no longer wants: a query embedding whose request
 * deadline passed would otherwise keep a core busy for tens of milliseconds, slowing the
 * request's own finishing work. The worker closes it when the run ends; {@link #terminate()}
 * after that is a no-op.
 *
 * <p>Thread-safe.
 */
final class RunControl implements AutoCloseable {

  private final OrtSession.RunOptions options;
  private boolean closed;

  RunControl() throws OrtException {
    this.options = new OrtSession.RunOptions();
  }

  OrtSession.RunOptions options() {
    return options;
  }

  /** Asks a running {@code session.run} to exit as soon as it can (it then throws). */
  synchronized void terminate() {
    if (!closed) {
      try {
        options.setTerminate(true);
      } catch (OrtException e) {
        // the run ends on its own; nothing else to do
      }
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      options.close();
    }
  }
}
