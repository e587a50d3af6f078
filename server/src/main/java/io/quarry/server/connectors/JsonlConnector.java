package io.quarry.server.connectors;

import io.quarry.core.document.Document;
import io.quarry.server.ingest.DocumentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

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
    FileScan scan = new FileScan(previous);
    Path base = Files.isDirectory(path) ? path : path.getParent();
    for (Path file : DocumentFiles.of(path).files()) {
      String rel = base.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      scan.file(rel, file, Files.readAttributes(file, BasicFileAttributes.class), (r, f, bytes) -> {
        List<Document> docs = new ArrayList<>();
        DocumentFiles.of(f).iterator().forEachRemaining(docs::add);
        return docs;
      });
    }
    return scan.changes();
  }
}
