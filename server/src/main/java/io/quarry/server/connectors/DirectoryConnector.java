package io.quarry.server.connectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;

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
    FileScan scan = new FileScan(previous);
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String fileName = file.getFileName().toString();
        if (attrs.isRegularFile() && !attrs.isSymbolicLink() && !fileName.startsWith(".") && isNote(fileName)) {
          scan.file(relative(file), file, attrs, (rel, f, bytes) ->
              List.of(MarkdownNote.parse(idOf(rel), fileName, name, new String(bytes, StandardCharsets.UTF_8))));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        scan.failed(relative(file), e.getMessage());
        return FileVisitResult.CONTINUE;
      }
    });
    return scan.changes();
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  static boolean isNote(String fileName) {
    String f = fileName.toLowerCase(Locale.ROOT);
    return f.endsWith(".md") || f.endsWith(".markdown") || f.endsWith(".txt");
  }
}
