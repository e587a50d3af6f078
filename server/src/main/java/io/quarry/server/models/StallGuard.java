package io.quarry.server.models;

import java.io.Closeable;
import java.io.InputStream;
import java.time.Duration;

/**
 * Ends a download whose body stops arriving: the HTTP client's timeout only covers the wait for
 * the answer's headers, so a transfer that stalls halfway would otherwise wait forever. A watcher
 * thread checks how long ago the last bytes came ({@link #touch}); past the limit it marks the
 * download {@link #stalled()}, interrupts the reading thread (the JDK client's body stream
 * blocks interruptibly) and closes the stream.
 */
final class StallGuard implements Closeable {

  private final long limitNanos;
  private final Thread reader;
  private final InputStream stream;
  private final Thread watcher;
  private volatile long last = System.nanoTime();
  private volatile boolean stalled;
  private volatile boolean done;

  StallGuard(Duration limit, InputStream stream) {
    this.limitNanos = limit.toNanos();
    this.reader = Thread.currentThread();
    this.stream = stream;
    this.watcher = Thread.ofVirtual().name("models-pull-stall-guard").start(this::watch);
  }

  /** Bytes arrived. */
  void touch() {
    last = System.nanoTime();
  }

  /** Whether the download was ended for want of bytes. */
  boolean stalled() {
    return stalled;
  }

  /** The limit, for messages. */
  Duration limit() {
    return Duration.ofNanos(limitNanos);
  }

  private void watch() {
    long step = Math.max(1_000_000L, limitNanos / 4);
    try {
      while (!done) {
        Thread.sleep(Duration.ofNanos(step));
        if (!done && System.nanoTime() - last > limitNanos) {
          stalled = true;
          reader.interrupt();
          try {
            stream.close();
          } catch (java.io.IOException | RuntimeException ignored) {
            // the reader is interrupted already; closing is a second way out
          }
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /** Stops watching; clears the interrupt it may have sent, which belongs to this download only. */
  @Override
  public void close() {
    done = true;
    watcher.interrupt();
    if (stalled) {
      Thread.interrupted();
    }
  }
}
