package io.quarry.server.connectors;

import io.quarry.server.jobs.Hashes;
import io.quarry.core.document.Document;
import io.quarry.server.connectors.Watermark.FileMark;
import io.quarry.server.ingest.DocumentFiles;
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
 * A {@code .jsonl} or {@code .jsonl.gz} file, or a folder of them, in the benchmark's corpus
 * format ({@link DocumentFiles}). A changed file is sent whole (the worker skips its unchanged
 * documents by content hash, without inference); ids that a file no longer holds are deleted.
 */
public final class JsonlConnector implements Connector {

  private final String name;
  private final Path path;

  public JsonlConnector(String name, Path path) {
    this.name = name;
    this.path = path;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Changes scan(Watermark previous) throws IOException {
    Map<String, FileMark> next = new TreeMap<>();
    List<Document> upserts = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    Path base = Files.isDirectory(path) ? path : path.getParent();
    for (Path file : DocumentFiles.of(path).files()) {
      String rel = base.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      FileMark old = previous.files().get(rel);
      long modified = attrs.lastModifiedTime().toMillis();
      if (old != null && old.modified() == modified && old.size() == attrs.size()) {
        next.put(rel, old);
        continue;
      }
      String hash = Hashes.sha256(Files.readAllBytes(file));
      if (old != null && old.hash().equals(hash)) {
        next.put(rel, new FileMark(modified, attrs.size(), hash, old.ids()));
        continue;
      }
      try {
        List<Document> docs = new ArrayList<>();
        DocumentFiles.of(file).iterator().forEachRemaining(docs::add);
        upserts.addAll(docs);
        next.put(rel, new FileMark(modified, attrs.size(), hash, docs.stream().map(Document::id).toList()));
      } catch (RuntimeException e) {
        unreadable.add(rel + ": " + e.getMessage());
        if (old != null) {
          next.put(rel, old);
        }
      }
    }
    Set<String> kept = new HashSet<>();
    next.values().forEach(m -> kept.addAll(m.ids()));
    List<String> deletes = new ArrayList<>();
    previous.files().values().forEach(m -> m.ids().stream().filter(id -> !kept.contains(id)).forEach(deletes::add));
    return new Changes(upserts, deletes, new Watermark(next), unreadable);
  }
}
