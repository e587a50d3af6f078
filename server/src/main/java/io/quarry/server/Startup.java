package io.quarry.server;

import io.javalin.http.HttpResponseException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The engine as it comes up: the HTTP server starts first (so {@code /health} answers at once)
 * while the index opens and the models load and warm; until then, API calls answer 503.
 *
 * <p>Thread-safe.
 */
public final class Startup {

  private final CompletableFuture<Engine> engine = new CompletableFuture<>();

  /** An already-started engine (tests, CLI). */
  public static Startup of(Engine engine) {
    Startup s = new Startup();
    s.engine.complete(engine);
    return s;
  }

  /** Builds the engine on a background thread. */
  public static Startup begin(Supplier<Engine> build) {
    Startup s = new Startup();
    Thread t = new Thread(() -> {
      try {
        s.engine.complete(build.get());
      } catch (Throwable e) {
        s.engine.completeExceptionally(e);
      }
    }, "quarry-startup");
    t.setDaemon(true);
    t.start();
    return s;
  }

  public boolean ready() {
    return engine.isDone() && !engine.isCompletedExceptionally();
  }

  /** The engine, or a 503 while it is still starting (or failed to start). */
  public Engine engine() {
    if (ready()) {
      return engine.join();
    }
    throw new HttpResponseException(503, engine.isCompletedExceptionally()
        ? "the engine failed to start; see the server log"
        : "starting: the index is opening and the models are loading; retry shortly");
  }

  /** Completes when the engine is up, exceptionally when it failed. */
  public CompletableFuture<Engine> future() {
    return engine;
  }
}
