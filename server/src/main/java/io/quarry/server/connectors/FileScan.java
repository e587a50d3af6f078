package io.quarry.server.connectors;

import io.quarry.core.document.Document;
import io.quarry.server.connectors.Watermark.FileMark;
import io.quarry.server.jobs.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One scan of a file-based source against its watermark, the same for every such connector: a
 * file whose modification time and size are unchanged is not read; one whose bytes hash the same
 * is not sent (its new time is remembered); a changed one is read into documents; a file that
 * cannot be read is reported and keeps its old mark, so what is indexed stays and it is tried
 * again next time. Ids that no file holds any more are deleted.
 *
 * <p>Not thread-safe: one per scan.
 */
final class FileScan {

  /** The documents in one changed file. */
  @FunctionalInterface
  interface Reader {
    /**
     * @throws IllegalArgumentException (or another runtime exception) when the file is not valid
     */
    List<Document> read(String relative, Path file, byte[] bytes) throws IOException;
  }

  private final Watermark previous;
  private final Map<String, FileMark> next = new TreeMap<>();
  private final List<Document> upserts = new ArrayList<>();
  private final List<String> unreadable = new ArrayList<>();

  FileScan(Watermark previous) {
    this.previous = previous;
  }

  /** Looks at one file, at {@code relative} ({@code /}-separated) in the source. */
  void file(String relative, Path file, BasicFileAttributes attrs, Reader reader) {
    FileMark old = previous.files().get(relative);
    long modified = attrs.lastModifiedTime().toMillis();
    if (old != null && old.modified() == modified && old.size() == attrs.size()) {
      next.put(relative, old);
      return;
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      String hash = Hashes.sha256(bytes);
      if (old != null && old.hash().equals(hash)) { // touched, not changed
        next.put(relative, new FileMark(modified, attrs.size(), hash, old.ids()));
        return;
      }
      List<Document> docs = reader.read(relative, file, bytes);
      upserts.addAll(docs);
      next.put(relative, new FileMark(modified, attrs.size(), hash, docs.stream().map(Document::id).toList()));
    } catch (IOException | RuntimeException e) {
      failed(relative, e.getMessage());
    }
  }

  /** A file that could not even be looked at. */
  void failed(String relative, String why) {
    unreadable.add(relative + ": " + why);
    FileMark old = previous.files().get(relative);
    if (old != null) {
      next.put(relative, old);
    }
  }

  Changes changes() {
    Set<String> kept = new HashSet<>();
    next.values().forEach(m -> kept.addAll(m.ids()));
    List<String> deletes = new ArrayList<>();
    previous.files().values().forEach(m -> m.ids().stream().filter(id -> !kept.contains(id)).forEach(deletes::add));
    return new Changes(upserts, deletes, new Watermark(next), unreadable);
  }
}
