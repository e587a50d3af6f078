package io.quarry.graph.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * A FalkorDB server for tests: {@code valkey-server} with the FalkorDB module, on a free loopback
 * port, persisting nothing ({@code --save ''}), started here and stopped by {@link #close()}.
 *
 * <p>Where the binaries are: {@code QUARRY_FALKORDB_MODULE} (the path of {@code falkordb.so}) and
 * {@code QUARRY_VALKEY_SERVER} (default: {@code valkey-server} on the PATH); {@code .ci/falkordb.sh}
 * installs both and prints the two exports. Without them the test fails and says so, unless
 * {@code QUARRY_SKIP_FALKORDB=1}, which skips it (for a developer without FalkorDB).
 *
 * <p>The module is loaded with {@code TIMEOUT_MAX}, without which FalkorDB ignores a write
 * query's {@code TIMEOUT}.
 */
public final class FalkorServer implements AutoCloseable {

  static final String MODULE_ENV = "QUARRY_FALKORDB_MODULE";
  static final String SERVER_ENV = "QUARRY_VALKEY_SERVER";
  static final String SKIP_ENV = "QUARRY_SKIP_FALKORDB";
  static final long TIMEOUT_MAX_MS = 60_000;

  private final Process process;
  private final int port;
  private final Path dir;

  private FalkorServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    // a JVM that ends without @AfterAll (a killed fork) must not leave the server running
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "falkordb-stop-" + port));
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Starts a server, or fails (or, with {@code QUARRY_SKIP_FALKORDB=1}, skips) saying what is missing. */
  public static FalkorServer start() throws IOException, InterruptedException {
    String module = System.getenv(MODULE_ENV);
    String server = System.getenv(SERVER_ENV);
    String missing = null;
    if (module == null || module.isBlank()) {
      missing = MODULE_ENV + " is not set";
    } else if (!Files.isRegularFile(Path.of(module))) {
      missing = MODULE_ENV + "=" + module + " is not a file";
    }
    Path executable = server == null || server.isBlank() ? onPath("valkey-server") : Path.of(server);
    if (missing == null && (executable == null || !Files.isExecutable(executable))) {
      missing = server == null || server.isBlank() ? "valkey-server is not on the PATH (and " + SERVER_ENV
          + " is not set)" : SERVER_ENV + "=" + server + " is not executable";
    }
    if (missing != null) {
      String message = "FalkorDB is needed for this test: " + missing + ". Run .ci/falkordb.sh (as root, it "
          + "installs valkey-server and fetches falkordb.so) and export the two variables it prints, or set "
          + SKIP_ENV + "=1 to skip the FalkorDB tests.";
      if ("1".equals(System.getenv(SKIP_ENV))) {
        System.err.println("Skipping the FalkorDB tests (" + SKIP_ENV + "=1): " + missing);
        Assumptions.abort(message);
      }
      fail(message);
    }
    Path dir = Files.createTempDirectory("quarry-falkordb");
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Path log = dir.resolve("server-" + port + ".log");
      Process p = new ProcessBuilder(executable.toString(), "--port", Integer.toString(port),
          "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
          "--loadmodule", module, "TIMEOUT_MAX", Long.toString(TIMEOUT_MAX_MS))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      FalkorServer s = new FalkorServer(p, port, dir);
      try {
        s.awaitReady(log);
        return s;
      } catch (IOException e) {
        // most likely another process took the port between freePort() and the bind: try another
        s.stop();
        last = e;
      }
    }
    deleteRecursively(dir);
    throw last;
  }

  private void awaitReady(Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("valkey-server exited with " + process.exitValue() + ": " + tail(log));
      }
      try (Jedis jedis = new Jedis("127.0.0.1", port, 1000)) {
        jedis.ping();
        // the module answers: GRAPH.LIST fails with "unknown command" without it
        jedis.sendCommand(() -> SafeEncoder.encode("GRAPH.LIST"));
        return;
      } catch (RuntimeException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("valkey-server on port " + port + " did not answer in 15 s: " + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteRecursively(dir);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
