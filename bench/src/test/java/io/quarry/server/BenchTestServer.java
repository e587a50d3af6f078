package io.quarry.server;

import io.javalin.Javalin;
import io.quarry.core.search.leg.RetrievalLeg;
import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Quarry server for bench tests, on a free loopback port, whose deep path also runs {@code
 * extraDeepLegs} (a deliberately slow leg, to prove the deadline). It lives in the server's package
 * because {@link Wiring}'s overload with extra legs is package-private, as the server's own
 * {@code ApiTestSupport} uses it; on the class path the package is shared, nothing is exported.
 */
public final class BenchTestServer implements AutoCloseable {

  private final Engine engine;
  private final Javalin app;

  /**
   * @param data the data directory
   * @param settings configuration keys beyond {@code data.dir}
   */
  public BenchTestServer(Path data, Map<String, String> settings, List<RetrievalLeg> extraDeepLegs) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("data.dir", data.toString());
    QuarryConfig config = QuarryConfig.from(Settings.of(all), extraDeepLegs.stream().map(RetrievalLeg::name).toList());
    this.engine = Wiring.engine(config, extraDeepLegs);
    this.app = App.create(Startup.of(engine), config).start("127.0.0.1", 0);
  }

  public Engine engine() {
    return engine;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String base() {
    return "http://127.0.0.1:" + app.port();
  }

  @Override
  public void close() throws Exception {
    app.stop();
    engine.close();
  }
}
