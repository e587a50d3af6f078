package io.quarry.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.core.document.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Durable dead letters, one file each ({@code <key>.dead}: the letter as a JSON line, then the
 * document as a request body), named by job and document id so that a document failing again
 * after a crash replaces its letter instead of adding a second. The letters are indexed in memory;
 * the documents stay on disk until replayed.
 *
 * <p>Thread-safe.
 */
final class DeadLetterStore {

  static final String SUFFIX = ".dead";

  private final Path dir;
  private final DocumentCodec codec;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, DeadLetter> letters = new ConcurrentHashMap<>();

  private DeadLetterStore(Path dir, DocumentCodec codec) {
    this.dir = dir;
    this.codec = codec;
  }

  static DeadLetterStore open(Path dir, DocumentCodec codec) throws IOException {
    Files.createDirectories(dir);
    Durable.removeTemporaries(dir);
    DeadLetterStore s = new DeadLetterStore(dir, codec);
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          s.letters.put(name.substring(0, name.length() - SUFFIX.length()), s.readLetter(p));
        }
      }
    }
    return s;
  }

  /** Stores a letter durably: once this returns, the document is not lost. */
  void put(DeadLetter letter, Document document) throws IOException {
    String key = key(letter.job(), letter.id());
    Letter wire = new Letter(letter.job(), letter.id(), letter.reason(), letter.attempts(),
        letter.failedAt().toEpochMilli());
    HeaderedFile.write(dir.resolve(key + SUFFIX), mapper.writeValueAsBytes(wire),
        codec.encode(DocumentCodec.Batch.of(List.of(document))));
    letters.put(key, letter);
  }

  /** Drops the letter of this job and document, if there is one (it got indexed after all). */
  void remove(String job, String id) throws IOException {
    String key = key(job, id);
    if (letters.remove(key) != null) {
      Durable.delete(dir.resolve(key + SUFFIX), true);
    }
  }

  boolean contains(String job, String id) {
    return letters.containsKey(key(job, id));
  }

  int size() {
    return letters.size();
  }

  /** The oldest letters first, at most {@code limit}. */
  List<DeadLetter> list(int limit) {
    return letters.values().stream()
        .sorted(Comparator.comparing(DeadLetter::failedAt).thenComparing(DeadLetter::id))
        .limit(limit)
        .toList();
  }

  /** The document a letter holds. */
  Document document(DeadLetter letter) throws IOException {
    return codec.decode(HeaderedFile.body(dir.resolve(key(letter.job(), letter.id()) + SUFFIX))).documents().getFirst();
  }

  private DeadLetter readLetter(Path p) throws IOException {
    Letter l = mapper.readValue(HeaderedFile.header(p), Letter.class);
    return new DeadLetter(l.job(), l.id(), l.reason(), l.attempts(), Instant.ofEpochMilli(l.failedAt()));
  }

  /** A file name for a job and document id, whatever characters the id holds. */
  private static String key(String job, String id) {
    return Hashes.sha256((job + "\u0000" + id).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }


  /** The on-disk form of a letter. */
  record Letter(String job, String id, String reason, int attempts, long failedAt) {}
}
