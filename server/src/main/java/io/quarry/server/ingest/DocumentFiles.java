package io.quarry.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.core.document.Document;
import io.quarry.core.document.PublishDate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Documents from files for {@code quarry ingest}: a {@code .jsonl} or {@code .jsonl.gz} file, or a
 * directory of them (read in name order). One JSON object a line, in the API's document shape
 * ({@code id, title, text, date, source, url, facets}); BEIR corpora's {@code _id} and RealTime
 * QA's {@code publish_date} are accepted as the same fields. Lines with neither title nor text
 * are skipped and counted.
 *
 * <p>{@link #scan} reads everything once to count and validate, so a bad line stops the ingest
 * before anything is written; {@link #iterator} then streams documents with O(1) memory.
 */
public final class DocumentFiles implements Iterable<Document> {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<Path> files;

  private DocumentFiles(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /**
   * @throws IllegalArgumentException when the path does not exist or holds no .jsonl(.gz) file
   */
  public static DocumentFiles of(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      List<Path> found;
      try (Stream<Path> s = Files.list(path)) {
        found = s.filter(DocumentFiles::isJsonl).sorted().toList();
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no .jsonl or .jsonl.gz files in directory " + path);
      }
      return new DocumentFiles(found);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no such file or directory: " + path);
    }
    if (!isJsonl(path)) {
      throw new IllegalArgumentException("not a .jsonl or .jsonl.gz file: " + path);
    }
    return new DocumentFiles(List.of(path));
  }

  private static boolean isJsonl(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".jsonl") || n.endsWith(".jsonl.gz");
  }

  public List<Path> files() {
    return files;
  }

  /** Result of {@link #scan}: how many documents, how many skipped lines. */
  public record Scan(long documents, long skippedEmpty) {}

  /**
   * Reads every line once, validating.
   *
   * @throws IllegalArgumentException naming file and line of the first bad record
   */
  public Scan scan() {
    long docs = 0;
    long skipped = 0;
    for (Path f : files) {
      try (Lines lines = new Lines(f)) {
        while (lines.advance()) {
          if (lines.current == null) {
            skipped++;
          } else {
            docs++;
          }
        }
      }
    }
    return new Scan(docs, skipped);
  }

  @Override
  public Iterator<Document> iterator() {
    return new Iterator<>() {
      private int fileIndex = -1;
      private Lines lines;
      private Document next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          if (lines == null || !lines.advance()) {
            if (lines != null) {
              lines.close();
              lines = null;
            }
            if (fileIndex + 1 >= files.size()) {
              return false;
            }
            fileIndex++;
            lines = new Lines(files.get(fileIndex));
            continue;
          }
          next = lines.current;
        }
        return true;
      }

      @Override
      public Document next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Document d = next;
        next = null;
        return d;
      }
    };
  }

  /** Parses one JSON object into a document; null when it has neither title nor text. */
  static Document parse(JsonNode n) {
    String id = text(n, "id");
    if (id == null) {
      id = text(n, "_id");
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("field 'id' (or '_id') is required");
    }
    String title = text(n, "title");
    String body = text(n, "text");
    if ((title == null || title.isBlank()) && (body == null || body.isBlank())) {
      return null;
    }
    String date = text(n, "date");
    if (date == null || date.isBlank()) {
      date = text(n, "publish_date");
    }
    PublishDate published;
    try {
      published = date == null || date.isBlank() ? null : PublishDate.parse(date);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field 'date': " + e.getMessage());
    }
    return new Document(id, title, body, text(n, "source"), published, text(n, "url"), facets(n));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static Map<String, List<String>> facets(JsonNode n) {
    JsonNode f = n.get("facets");
    if (f == null || f.isNull()) {
      return Map.of();
    }
    if (!f.isObject()) {
      throw new IllegalArgumentException("field 'facets' must be an object of strings or string lists");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    f.fields().forEachRemaining(e -> {
      List<String> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(e.getValue().asText());
      }
      out.put(e.getKey(), values);
    });
    return out;
  }

  /** A cursor over one file's documents. */
  private static final class Lines implements AutoCloseable {
    private final Path file;
    private final BufferedReader reader;
    private int lineNo;
    Document current;

    Lines(Path file) {
      this.file = file;
      try {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
          in = new GZIPInputStream(in, 1 << 16);
        }
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }

    /** Moves to the next non-blank line; {@link #current} is null for a skipped one. */
    boolean advance() {
      try {
        String line;
        do {
          line = reader.readLine();
          lineNo++;
          if (line == null) {
            return false;
          }
        } while (line.isBlank());
        JsonNode node;
        try {
          node = MAPPER.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": not a JSON object");
        }
        if (node == null || !node.isObject()) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": not a JSON object");
        }
        try {
          current = parse(node);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage());
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + " at line " + lineNo, e);
      }
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
