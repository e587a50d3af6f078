package io.quarry.bench.peer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.quarry.bench.data.Corpus;
import io.quarry.core.index.PassageVectors;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One set's corpus as the peers read it, written once per set under {@code dir}:
 *
 * <ul>
 *   <li>{@code documents.jsonl}: {@code {"id", "contents"}} per document, contents being title, a
 *       space and text, exactly the field Quarry's BM25 leg indexes;
 *   <li>{@code passages.jsonl}: {@code {"doc", "ord", "text"}} per embedded passage, text being
 *       the title, a newline and the passage (what the passage was embedded as);
 *   <li>{@code vectors.f32}: the passages' vectors in the same order, little-endian float32,
 *       {@code dimension} per passage: Quarry's own, read back from its index.
 * </ul>
 *
 * @param set the set's name
 * @param dir where the files are
 * @param documents the documents file
 * @param documentCount how many documents
 * @param passages the passages file, or null when no peer wants vectors
 * @param vectorFile the vectors file, or null likewise
 * @param vectors the same vectors in memory (for the in-process exact scan), or null
 */
public record PeerCorpus(String set, Path dir, Path documents, long documentCount, Path passages,
    Path vectorFile, Vectors vectors) {

  public PeerCorpus {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(documents, "documents");
  }

  /**
   * Passage vectors in one flat array.
   *
   * @param docIds the document of each passage
   * @param flat {@code docIds.length * dimension} floats, passage after passage
   * @param dimension floats per passage
   * @param dates each passage's document's publish day, null when undated
   */
  public record Vectors(String[] docIds, float[] flat, int dimension, java.time.LocalDate[] dates) {
    public Vectors {
      if (dimension < 1 || flat.length != (long) docIds.length * dimension) {
        throw new IllegalArgumentException("illegal vectors: " + docIds.length + " passages, "
            + flat.length + " floats, dimension " + dimension);
      }
    }

    /** Passages held. */
    public int size() {
      return docIds.length;
    }
  }

  /** Where the exported vectors come from: the engine's own index. */
  @FunctionalInterface
  public interface VectorSource {
    /** Sends every stored passage vector to {@code sink}; returns the count. */
    long export(PassageVectors.Sink sink) throws IOException;
  }

  /**
   * Writes the files of one set.
   *
   * @param source the engine's stored vectors, or null when no peer wants vectors
   */
  public static PeerCorpus write(String set, Path dir, Corpus corpus, VectorSource source)
      throws IOException {
    Files.createDirectories(dir);
    JsonFactory json = new JsonFactory();
    Path documents = dir.resolve("documents.jsonl");
    long[] count = {0};
    java.util.Map<String, java.time.LocalDate> days = new java.util.HashMap<>();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(documents));
        JsonGenerator g = json.createGenerator(out)) {
      g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
      corpus.forEach(d -> {
        try {
          g.writeStartObject();
          g.writeStringField("id", d.id());
          g.writeStringField("contents", d.title().isEmpty() ? d.text() : d.title() + " " + d.text());
          g.writeEndObject();
          count[0]++;
          if (d.date() != null) {
            days.put(d.id(), d.date().day());
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    if (source == null) {
      return new PeerCorpus(set, dir, documents, count[0], null, null, null);
    }
    Path passages = dir.resolve("passages.jsonl");
    Path vectorFile = dir.resolve("vectors.f32");
    List<String> ids = new ArrayList<>();
    List<float[]> vs = new ArrayList<>();
    try (OutputStream p = new BufferedOutputStream(Files.newOutputStream(passages));
        JsonGenerator g = json.createGenerator(p);
        OutputStream v = new BufferedOutputStream(Files.newOutputStream(vectorFile), 1 << 16)) {
      g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
      source.export(e -> {
        g.writeStartObject();
        g.writeStringField("doc", e.docId());
        g.writeNumberField("ord", e.ordinal());
        String title = e.title() == null ? "" : e.title();
        String text = e.text() == null ? "" : e.text();
        g.writeStringField("text", title.isEmpty() ? text : title + "\n" + text);
        g.writeEndObject();
        ByteBuffer b = ByteBuffer.allocate(e.vector().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(e.vector());
        v.write(b.array());
        ids.add(e.docId());
        vs.add(e.vector());
      });
    }
    if (vs.isEmpty()) {
      throw new IOException("the index holds no passage vectors (index.vectors=false?); the vector"
          + " peers need Quarry's vectors");
    }
    int dim = vs.get(0).length;
    float[] flat = new float[vs.size() * dim];
    for (int i = 0; i < vs.size(); i++) {
      System.arraycopy(vs.get(i), 0, flat, i * dim, dim);
    }
    String[] docIds = ids.toArray(String[]::new);
    java.time.LocalDate[] dates = new java.time.LocalDate[docIds.length];
    for (int i = 0; i < docIds.length; i++) {
      dates[i] = days.get(docIds[i]);
    }
    return new PeerCorpus(set, dir, documents, count[0], passages, vectorFile,
        new Vectors(docIds, flat, dim, dates));
  }
}
