package io.quarry.server.jobs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that are either wholly there or not at all: written to a temporary file, forced to disk,
 * renamed over the target, and the directory forced too, so the rename itself survives a power
 * cut (the recipe Lucene's {@code IOUtils.fsync} and SQLite's journal follow).
 */
public final class Durable {

  static final String TMP = ".tmp";

  private Durable() {}

  /**
   * Replaces {@code target} with {@code parts}, concatenated.
   *
   * @param sync false for a snapshot that may be lost in a crash (progress), true for what a
   *     client was promised
   */
  public static void write(Path target, boolean sync, byte[]... parts) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + TMP);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (byte[] p : parts) {
        ByteBuffer b = ByteBuffer.wrap(p);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      if (sync) {
        ch.force(true);
      }
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    if (sync) {
      syncDirectory(target.getParent());
    }
  }

  /** Deletes {@code file} if it is there; with {@code sync}, the deletion survives a crash. */
  public static void delete(Path file, boolean sync) throws IOException {
    if (Files.deleteIfExists(file) && sync) {
      syncDirectory(file.getParent());
    }
  }

  /** Removes what a crash left half-written. */
  public static void removeTemporaries(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(TMP)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    // Linux and macOS let a directory be opened for reading and forced; Windows does not, and
    // there NTFS journals the rename itself.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        throw e;
      }
    }
  }
}
