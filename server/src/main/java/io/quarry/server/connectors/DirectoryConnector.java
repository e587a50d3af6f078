package io.quarry.server.connectors;

import io.quarry.server.jobs.Hashes;
import io.quarry.core.document.Document;
import io.quarry.server.connectors.Watermark.FileMark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A folder of markdown and text notes ({@code .md}, {@code .markdown}, {@code .txt}), such as an
 * Obsidian vault: one document per file, with the id {@code <name>:<path relative to the
 * folder>} ({@link MarkdownNote} reads each). Hidden files and folders ({@code .obsidian}, {@code
 * .git}) are skipped, and so are symbolic links, so a scan never leaves the folder.
 */
public final class DirectoryConnector implements Connector {

  private final String name;
  private final Path root;

  public DirectoryConnector(String name, Path root) {
    this.name = name;
    this.root = root;
  }

  @Override
  public String name() {
    return name;
  }

  /** The document id of a file at {@code relative} (a {@code /}-separated path). */
  public String idOf(String relative) {
    return name + ":" + relative;
  }

  @Override
  public Changes scan(Watermark previous) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("the folder " + root + " of connector '" + name + "' does not exist");
    }
    Map<String, FileMark> next = new TreeMap<>();
    List<Document> upserts = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String fileName = file.getFileName().toString();
        if (!attrs.isRegularFile() || attrs.isSymbolicLink() || fileName.startsWith(".") || !isNote(fileName)) {
          return FileVisitResult.CONTINUE;
        }
        String rel = relative(file);
        FileMark old = previous.files().get(rel);
        long modified = attrs.lastModifiedTime().toMillis();
        if (old != null && old.modified() == modified && old.size() == attrs.size()) {
          next.put(rel, old);
          return FileVisitResult.CONTINUE;
        }
        byte[] bytes = Files.readAllBytes(file);
        String hash = Hashes.sha256(bytes);
        String id = idOf(rel);
        if (old != null && old.hash().equals(hash)) { // touched, not changed
          next.put(rel, new FileMark(modified, attrs.size(), hash, old.ids()));
          return FileVisitResult.CONTINUE;
        }
        try {
          upserts.add(MarkdownNote.parse(id, fileName, name, new String(bytes, StandardCharsets.UTF_8)));
          next.put(rel, new FileMark(modified, attrs.size(), hash, List.of(id)));
        } catch (IllegalArgumentException e) {
          unreadable.add(rel + ": " + e.getMessage());
          if (old != null) {
            next.put(rel, old); // keep what is indexed; try again next time
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        unreadable.add(relative(file) + ": " + e.getMessage());
        FileMark old = previous.files().get(relative(file));
        if (old != null) {
          next.put(relative(file), old);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    List<String> deletes = new ArrayList<>();
    previous.files().forEach((rel, mark) -> {
      if (!next.containsKey(rel)) {
        deletes.addAll(mark.ids());
      }
    });
    return new Changes(upserts, deletes, new Watermark(next), unreadable);
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  static boolean isNote(String fileName) {
    String f = fileName.toLowerCase(Locale.ROOT);
    return f.endsWith(".md") || f.endsWith(".markdown") || f.endsWith(".txt");
  }
}
