package io.quarry.bench.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.core.document.Document;
import io.quarry.core.document.PublishDate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A corpus file in BEIR form, streamed as {@link Document}s: {@code .jsonl} or {@code .jsonl.gz},
 * one object a line with {@code _id}, {@code title}, {@code text} and an optional publish date.
 *
 * <p>Field rules:
 *
 * <ul>
 *   <li>{@code _id}: required (a string; a number is taken as its text).
 *   <li>{@code title}, {@code text}: optional strings; a document whose title and text are both
 *       empty is skipped and counted ({@link CorpusStats#skippedEmpty()}), never indexed.
 *   <li>Publish date: field {@code date}; when it is absent, null or empty, the documented
 *       fallback {@code publish_date} (the RealTime QA corpus name); when both are absent, null or
 *       empty the document is undated. Accepted forms are those of {@link PublishDate#parse}.
 *   <li>Every other field ({@code url}, {@code metadata}, ...) is ignored.
 * </ul>
 *
 * <p>Each {@link #forEach} call reads the file again from the start (O(file) time, O(1) memory
 * beyond one line). Thread-safe: nothing is shared between calls.
 */
public final class Corpus {

  private final Path file;

  public Corpus(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The corpus file. */
  public Path file() {
    return file;
  }

  /**
   * Streams every document to {@code sink}, in file order.
   *
   * @throws IOException when the file cannot be read or a record is malformed (file and line
   *     named)
   */
  public CorpusStats forEach(Consumer<Document> sink) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("corpus file not found: " + file);
    }
    long[] counts = new long[3]; // documents, skippedEmpty, undated
    JsonLines.forEach(file, (node, lineNo) -> {
      Document doc = toDocument(node, lineNo);
      if (doc == null) {
        counts[1]++;
        return;
      }
      counts[0]++;
      if (doc.date() == null) {
        counts[2]++;
      }
      sink.accept(doc);
    });
    return new CorpusStats(counts[0], counts[1], counts[2]);
  }

  private Document toDocument(JsonNode node, int lineNo) throws IOException {
    String id = JsonLines.requiredText(node, "_id", file, lineNo);
    String title = JsonLines.rawText(node, "title", file, lineNo);
    String text = JsonLines.rawText(node, "text", file, lineNo);
    if (title.isBlank() && text.isBlank()) {
      return null;
    }
    String date = JsonLines.optionalText(node, "date", file, lineNo);
    if (date == null) {
      date = JsonLines.optionalText(node, "publish_date", file, lineNo);
    }
    try {
      Document doc = new Document(id, title, text, null, null, null, Map.of());
      return date == null ? doc : doc.withDate(PublishDate.parse(date));
    } catch (IllegalArgumentException e) {
      throw new IOException(JsonLines.where(file, lineNo) + e.getMessage());
    }
  }
}
