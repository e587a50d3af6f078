package io.quarry.server.cli;

import io.javalin.Javalin;
import io.quarry.server.App;
import io.quarry.server.Startup;
import io.quarry.server.Wiring;
import io.quarry.server.config.QuarryConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quarry serve}: HTTP first, then the engine loads behind {@code /ready}. */
@Command(name = "serve", description = "Start the HTTP server.")
public final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin CommonOptions common;

  @Option(names = "--port", description = "TCP port (default 7070).")
  Integer port;

  @Option(names = "--host", description = "Address to bind (default 127.0.0.1).")
  String host;

  @Override
  public Integer call() throws Exception {
    Map<String, String> extra = new HashMap<>();
    if (port != null) {
      extra.put("server.port", port.toString());
    }
    if (host != null) {
      extra.put("server.host", host);
    }
    QuarryConfig config = common.config(extra);
    config.log();
    App.checkExposure(config); // beyond loopback without a key: refused before the engine loads
    Startup startup = Startup.begin(() -> Wiring.engine(config));
    Javalin app = App.create(startup, config).start(config.server().host(), config.server().port());
    LOG.info("listening on http://{}:{}", config.server().host(), app.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.stop();
      startup.future().thenAccept(Main::closeQuietly);
      stopped.countDown();
    }, "quarry-shutdown"));
    try {
      startup.future().join();
    } catch (RuntimeException e) {
      LOG.error("the engine failed to start: {}", rootMessage(e), e);
      app.stop();
      return 1;
    }
    stopped.await();
    return 0;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

}
