package io.quarry.server.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Pulls a cross-encoder checkpoint from a hub into a directory that {@code rerank.model} can name.
 *
 * <p>Contract of {@link #pull}:
 *
 * <ul>
 *   <li>Fetches {@value #CONFIG}, {@value #TOKENIZER} and {@value #WEIGHTS} (all required) and
 *       {@link #OPTIONAL} where the repository has them (a 404 skips one quietly). The hub is asked
 *       about every file ({@code HEAD}) before any is fetched, so a repository without safetensors
 *       weights fails before downloading anything. When the hub names the commit the revision
 *       resolved to, every file is fetched from that commit.
 *   <li>Each file goes to {@code <file>.part}; an existing part is resumed when the file has a
 *       sha256 to check it by (a small file without one is fetched whole again). A file whose etag is a
 *       sha256 (Git LFS files, the weights) is checked against it; every file against the size the
 *       hub announced. A file that fails is deleted and the pull fails naming it, the expected and
 *       the actual value. Only when every file has passed are they moved into place, each with an
 *       atomic rename, and then {@value #RECORD_FILE} is written: nothing half-written or
 *       unchecked ever carries a final name, and a failed pull leaves an earlier complete pull
 *       untouched. A weights file already in place with the expected sha256 is kept, not fetched.
 *   <li>Fails with {@link PullException#unreachable()} when the hub (or its storage) cannot be
 *       reached, or at once when offline mode is on; the message says which files to copy where.
 * </ul>
 *
 * <p>Not thread-safe for one directory: two pulls into the same directory at once interleave
 * their parts (the checksums then refuse the weights).
 */
public final class ModelPull {

  public static final String CONFIG = "config.json";
  public static final String TOKENIZER = "tokenizer.json";
  public static final String WEIGHTS = "model.safetensors";
  /** Tokenizer side files, fetched when present: Quarry reads {@value #TOKENIZER} only. */
  public static final List<String> OPTIONAL = List.of("tokenizer_config.json", "special_tokens_map.json");
  /** The provenance record in the pulled directory. */
  public static final String RECORD_FILE = "quarry-pull.json";
  static final String PART = ".part";

  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

  /** What a pull reports while it runs; every method is optional. */
  public interface Listener {
    /** An optional file the repository does not have. */
    default void skipped(String file) {}

    /** A file is about to be fetched, from byte {@code from} (resuming), of {@code size} (-1 unknown). */
    default void fetching(String file, long from, long size) {}

    /** {@code done} bytes of {@code file} are on disk. */
    default void progress(String file, long done, long size) {}

    /** A file passed its checks; {@code checked}: its sha256 was compared with the hub's. */
    default void verified(String file, long size, String sha256, boolean checked) {}

    /** A file already in place has the sha256 the hub announced and is kept. */
    default void upToDate(String file, long size, String sha256) {}
  }

  /**
   * One file of a completed pull.
   *
   * @param sha256 computed here over the bytes on disk
   * @param checked what it was checked against: {@code "sha256"} (the hub's), {@code "size"} (the
   *     hub gave no sha256, only a size) or {@code "none"} (the hub gave neither)
   */
  public record PulledFile(String name, long size, String sha256, String checked) {

    static PulledFile of(String name, long size, String sha256, RemoteFile remote) {
      return new PulledFile(name, size, sha256,
          remote.sha256() != null ? "sha256" : remote.size() >= 0 ? "size" : "none");
    }
  }

  /**
   * A completed pull.
   *
   * @param commit the commit the revision resolved to, or null when the hub did not say
   */
  public record Result(Path directory, String repo, String revision, String commit, List<PulledFile> files) {}

  private final HubClient hub;
  private final boolean offline;

  /**
   * @param offline refuse at once, without a request ({@code HF_HUB_OFFLINE})
   */
  public ModelPull(HubClient hub, boolean offline) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.offline = offline;
  }

  /**
   * The directory name for a repository under {@code <data.dir>/models}: {@code owner/name}
   * becomes {@code owner--name}.
   *
   * @throws IllegalArgumentException if {@code repo} is not a repository id
   */
  public static String directoryName(String repo) {
    checkRepo(repo);
    return repo.replace("/", "--");
  }

  /**
   * Pulls {@code repo} at {@code revision} into {@code dest} (created if needed).
   *
   * @throws IllegalArgumentException if the repository id or revision is malformed
   * @throws PullException if the pull did not complete; the message names the file and the cause
   */
  public Result pull(String repo, String revision, Path dest, Listener listener)
      throws PullException, InterruptedException {
    checkRepo(repo);
    checkRevision(revision);
    Path dir = dest.toAbsolutePath().normalize();
    if (offline) {
      throw unreachable("HF_HUB_OFFLINE is set, so nothing is downloaded", repo, revision, dir, null);
    }
    RemoteFile config = ask(repo, revision, CONFIG, dir, revision);
    if (!config.found()) {
      throw HubRefusal.ofRepo(hub.endpoint(), repo, revision, config);
    }
    String commit = config.commit() != null && COMMIT.matcher(config.commit()).matches() ? config.commit() : null;
    String at = commit != null ? commit : revision;
    Map<String, RemoteFile> plan = new LinkedHashMap<>();
    plan.put(CONFIG, config);
    for (String file : List.of(TOKENIZER, WEIGHTS)) {
      RemoteFile r = ask(repo, at, file, dir, revision);
      if (!r.found()) {
        throw HubRefusal.ofFile(hub.endpoint(), repo, revision, file, r, dir);
      }
      plan.put(file, r);
    }
    for (String file : OPTIONAL) {
      RemoteFile r = ask(repo, at, file, dir, revision);
      if (r.status() == 404) {
        listener.skipped(file);
      } else if (!r.found()) {
        throw HubRefusal.ofFile(hub.endpoint(), repo, revision, file, r, dir);
      } else {
        plan.put(file, r);
      }
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw PullException.failed("cannot create " + dir + ": " + e, e);
    }
    List<PulledFile> files = new ArrayList<>();
    List<String> fetched = new ArrayList<>();
    for (Map.Entry<String, RemoteFile> f : plan.entrySet()) {
      PulledFile p = keptInPlace(dir, f.getKey(), f.getValue(), listener);
      if (p == null) {
        p = fetch(repo, at, revision, dir, f.getKey(), f.getValue(), listener);
        fetched.add(f.getKey());
      }
      files.add(p);
    }
    for (String file : fetched) {
      moveIntoPlace(dir.resolve(file + PART), dir.resolve(file));
    }
    Result result = new Result(dir, repo, revision, commit, List.copyOf(files));
    try {
      PullRecord.write(dir.resolve(RECORD_FILE), hub.endpoint().toString(), result);
    } catch (IOException e) {
      throw PullException.failed("the files are in place in " + dir + ", but " + RECORD_FILE
          + " could not be written: " + e, e);
    }
    return result;
  }

  private RemoteFile ask(String repo, String at, String file, Path dir, String revision)
      throws PullException, InterruptedException {
    try {
      return hub.head(repo, at, file);
    } catch (IOException e) {
      if (HubClient.unreachable(e)) {
        throw unreachable("cannot reach " + hub.endpoint() + " (" + HubClient.reason(e) + ")", repo, revision, dir, e);
      }
      throw PullException.failed("cannot ask " + hub.endpoint() + " about " + file + " of " + repo + " (revision "
          + revision + "): " + HubClient.reason(e), e);
    }
  }

  /** The file in place, when the hub gave a sha256 and the file has it; else null. */
  private static PulledFile keptInPlace(Path dir, String file, RemoteFile remote, Listener listener)
      throws PullException {
    String expected = remote.sha256();
    Path target = dir.resolve(file);
    try {
      if (expected == null || !Files.isRegularFile(target)
          || (remote.size() >= 0 && Files.size(target) != remote.size()) || !expected.equals(sha256(target))) {
        return null;
      }
      Files.deleteIfExists(dir.resolve(file + PART));
      long size = Files.size(target);
      listener.upToDate(file, size, expected);
      return PulledFile.of(file, size, expected, remote);
    } catch (IOException e) {
      throw PullException.failed("cannot read " + target + ": " + e, e);
    }
  }

  private PulledFile fetch(String repo, String at, String revision, Path dir, String file, RemoteFile remote,
      Listener listener) throws PullException, InterruptedException {
    Path part = dir.resolve(file + PART);
    long size = remote.size();
    long got;
    try {
      if (remote.sha256() == null) {
        // a part that cannot be checked by content is not trusted: small files are fetched whole
        Files.deleteIfExists(part);
      }
      listener.fetching(file, Files.isRegularFile(part) ? Files.size(part) : 0, size);
      got = hub.download(repo, at, file, part, size, (done, total) -> listener.progress(file, done, total));
    } catch (IOException e) {
      if (HubClient.unreachable(e)) {
        throw unreachable("cannot download " + file + " from " + hub.endpoint() + " or the storage it redirects to ("
            + HubClient.reason(e) + ")", repo, revision, dir, e);
      }
      throw PullException.failed("download of " + file + " broke off after " + sizeOf(part) + " of "
          + (size < 0 ? "?" : Long.toString(size)) + " bytes (" + HubClient.reason(e) + "); the part is kept in "
          + part + ": run the same command again to resume", e);
    }
    if (size >= 0 && got < size) {
      throw PullException.failed("download of " + file + " ended after " + got + " of " + size
          + " bytes; the part is kept in " + part + ": run the same command again to resume");
    }
    try {
      if (size >= 0 && got != size) {
        Files.deleteIfExists(part);
        throw PullException.failed(file + " of " + repo + ": received " + got + " bytes, the hub announced " + size
            + "; the download was deleted and nothing was put in place");
      }
      String actual = sha256(part);
      String expected = remote.sha256();
      if (expected != null && !expected.equals(actual)) {
        Files.deleteIfExists(part);
        throw PullException.failed("checksum mismatch for " + file + " of " + repo + " (revision " + revision
            + "): expected sha256 " + expected + ", got " + actual + "; the download was deleted and nothing was"
            + " put in place. Run the command again; if it fails the same way, the file is damaged on the way"
            + " (a proxy?) or at the source");
      }
      listener.verified(file, got, actual, expected != null);
      return PulledFile.of(file, got, actual, remote);
    } catch (IOException e) {
      throw PullException.failed("cannot check " + part + ": " + e, e);
    }
  }

  private static void moveIntoPlace(Path part, Path target) throws PullException {
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw PullException.failed("cannot rename " + part + " to " + target + " atomically: " + e.getMessage(), e);
    } catch (IOException e) {
      throw PullException.failed("cannot move " + part + " to " + target + ": " + e, e);
    }
  }

  private PullException unreachable(String why, String repo, String revision, Path dir, Throwable cause) {
    return new PullException(why + ". On a machine that can reach " + hub.endpoint() + ", download " + CONFIG + ", "
        + TOKENIZER + " and " + WEIGHTS + " of " + repo + " (revision " + revision + ", " + hub.endpoint() + "/"
        + repo + "/tree/" + revision + "), with " + String.join(" and ", OPTIONAL) + " if it has them, and copy"
        + " them into " + dir + ", then start with --set rerank.model=" + dir + ".", true, cause);
  }

  /** The sha256 of a file's content, lower-case hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        d.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static long sizeOf(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  static void checkRepo(String repo) {
    if (repo == null || repo.contains("://")) {
      throw new IllegalArgumentException("illegal repository: " + repo
          + "; give its id as on the hub, e.g. cross-encoder/ms-marco-MiniLM-L-6-v2, not its URL");
    }
    if (!REPO.matcher(repo).matches() || repo.contains("..") || repo.length() > 200) {
      throw new IllegalArgumentException("illegal repository: " + repo
          + "; must be owner/name (letters, digits, '.', '_', '-'), e.g. cross-encoder/ms-marco-MiniLM-L-6-v2");
    }
  }

  static void checkRevision(String revision) {
    if (revision == null || revision.isBlank() || revision.equals(".") || revision.equals("..")
        || revision.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("illegal revision: '" + revision
          + "'; must be a branch, tag or commit, e.g. main");
    }
  }
}
