package io.quarry.bench.peer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The peers asked for with {@code --peers}, started, with the state of each: the one place peers
 * are constructed. A peer that cannot be set up (its jar not fetched, Node missing, npm
 * unreachable) is reported with the reason and left out; the run goes on without it.
 */
public final class Peers implements AutoCloseable {

  /** The names {@code --peers} accepts. */
  public static final List<String> NAMES = List.of("anserini", "lancedb", "exact", "onnxruntime");

  /**
   * What became of one requested peer.
   *
   * @param peer its name
   * @param state {@code ready} or {@code skipped}
   * @param detail what it is (ready) or why it was skipped
   */
  @JsonPropertyOrder({"peer", "state", "detail"})
  public record Status(@JsonProperty("peer") String peer, @JsonProperty("state") String state,
      @JsonProperty("detail") @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {}

  private final List<Peer> ready;
  private final List<Status> statuses;
  private final boolean onnxRuntime;

  private Peers(List<Peer> ready, List<Status> statuses, boolean onnxRuntime) {
    this.ready = List.copyOf(ready);
    this.statuses = new ArrayList<>(statuses);
    this.onnxRuntime = onnxRuntime;
  }

  /** No peers. */
  public static Peers none() {
    return new Peers(List.of(), List.of(), false);
  }

  /**
   * Parses {@code --peers} names.
   *
   * @throws IllegalArgumentException naming an unknown one and the accepted names
   */
  public static Set<String> parse(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : names) {
      String name = n.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("illegal peer: '" + n + "', must be one of "
            + String.join(", ", NAMES));
      }
      out.add(name);
    }
    return out;
  }

  /**
   * Starts the named peers.
   *
   * @param names from {@link #parse}
   * @param peersDir where the {@code peers} Maven profile put the downloads (Anserini's jar, the
   *     LanceDB script's {@code node_modules})
   * @param work where peers keep their indexes and logs
   */
  public static Peers start(Set<String> names, Path peersDir, Path work, PrintStream progress) {
    List<Peer> ready = new ArrayList<>();
    List<Status> statuses = new ArrayList<>();
    for (String name : names) {
      if (name.equals("onnxruntime")) {
        continue; // measured by the runner on the engine's own encoder, see OnnxRuntimeCheck
      }
      try {
        Peer p = switch (name) {
          case "anserini" -> AnseriniPeer.start(anseriniJar(peersDir), work.resolve("anserini"));
          case "lancedb" -> LanceDbPeer.start(peersDir.resolve("lancedb"), work.resolve("lancedb"));
          case "exact" -> new ExactPeer();
          default -> throw new AssertionError(name);
        };
        ready.add(p);
        statuses.add(new Status(name, "ready", p.describe()));
        progress.println("[peers] " + name + ": " + p.describe());
      } catch (IOException | RuntimeException e) {
        statuses.add(new Status(name, "skipped", e.getMessage()));
        progress.println("[peers] " + name + " skipped: " + e.getMessage());
      }
    }
    return new Peers(ready, statuses, names.contains("onnxruntime"));
  }

  /** Anserini's fat jar: in {@code peersDir}, else in the local Maven repository. */
  static Path anseriniJar(Path peersDir) throws IOException {
    Path local = peersDir.resolve(AnseriniPeer.JAR);
    if (Files.isRegularFile(local)) {
      return local;
    }
    Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "anserini",
        "anserini", AnseriniPeer.VERSION, AnseriniPeer.JAR);
    if (Files.isRegularFile(m2)) {
      return m2;
    }
    throw new IOException("no " + AnseriniPeer.JAR + " in " + peersDir + " or " + m2.getParent()
        + "; fetch it with: mvn -B -Ppeers -pl bench package -DskipTests (164 MB)");
  }

  /** The peers that started. */
  public List<Peer> ready() {
    return ready;
  }

  /** Whether the raw ONNX Runtime reference was asked for. */
  public boolean onnxRuntime() {
    return onnxRuntime;
  }

  /** Every requested peer's state so far. */
  public List<Status> statuses() {
    return List.copyOf(statuses);
  }

  /** Records a state decided later (the ONNX Runtime check run or skipped). */
  public void note(Status s) {
    statuses.add(s);
  }

  /** True when any ready peer needs Quarry's vectors. */
  public boolean needVectors() {
    return ready.stream().anyMatch(Peer::needsVectors);
  }

  @Override
  public void close() {
    for (Peer p : ready) {
      try {
        p.close();
      } catch (IOException | RuntimeException e) {
        // a peer that fails to stop is killed with the JVM; nothing to keep
      }
    }
  }
}
