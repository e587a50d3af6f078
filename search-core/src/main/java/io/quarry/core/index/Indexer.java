package io.quarry.core.index;

import io.quarry.core.spi.DocumentListener;
import io.quarry.core.document.Chunker;
import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.core.spi.PassageEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The write path for a batch of documents: chunk, embed, write. {@link #index} is four steps:
 *
 * <ol>
 *   <li>Keep the last occurrence of each id in the batch, and drop documents whose content hash
 *       equals what the index already holds (unchanged re-sends cost nothing).
 *   <li>Split each document into passages.
 *   <li>Embed the passages to embed (all, or the first {@link IndexSettings#maxEmbeddedPassages()})
 *       in one encoder call, so the encoder can batch them by length.
 *   <li>Write each document as one block, replacing any previous version.
 * </ol>
 *
 * <p>Nothing is durable until {@link QuarryIndex#commit()}. Thread-safe if the encoder is.
 */
public final class Indexer {

  private final QuarryIndex index;
  private final PassageEncoder encoder;
  private final Chunker chunker;
  private final DocumentListener listener;

  /**
   * @param encoder null for a BM25-only index
   */
  public Indexer(QuarryIndex index, PassageEncoder encoder) {
    this(index, encoder, DocumentListener.NONE);
  }

  /**
   * @param encoder null for a BM25-only index
   * @param listener told of every written document after it is written (the knowledge graph)
   */
  public Indexer(QuarryIndex index, PassageEncoder encoder, DocumentListener listener) {
    this.index = index;
    this.listener = listener;
    this.encoder = index.settings().vectors() ? encoder : null;
    if (index.settings().vectors() && encoder == null) {
      throw new IllegalArgumentException("illegal indexer: the index takes vectors but no encoder was given");
    }
    this.chunker = new Chunker(index.settings().chunking());
  }

  /** Who is told of the writes. */
  public DocumentListener listener() {
    return listener;
  }

  /** The passages a document is split into, as {@link #index} splits it. */
  public List<Passage> passages(Document d) {
    return chunker.split(d.text());
  }

  public QuarryIndex index() {
    return index;
  }

  /** Chunks, embeds and writes a batch: {@code write(prepare(batch))}. */
  public IndexResult index(List<Document> batch) throws IOException {
    return write(prepare(batch));
  }

  /**
   * Steps 1 to 3: dedupes, skips unchanged documents, chunks and embeds. Writes nothing, so it
   * can be retried freely, and a caller that serializes writes need not hold its lock while the
   * encoder works.
   *
   * @throws RuntimeException when the encoder fails (a remote model that is down)
   */
  public Prepared prepare(List<Document> batch) throws IOException {
    // 1. dedupe and skip unchanged
    Map<String, Document> latest = new LinkedHashMap<>();
    batch.forEach(d -> latest.put(d.id(), d));
    Map<String, String> stored = index.contentHashes(latest.keySet());
    List<Document> changed = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (Document d : latest.values()) {
      String h = contentHash(d);
      if (!h.equals(stored.get(d.id()))) {
        changed.add(d);
        hashes.add(h);
      }
    }
    int unchanged = batch.size() - changed.size();
    // 2. chunk
    List<List<Passage>> passages = new ArrayList<>(changed.size());
    List<String> toEmbed = new ArrayList<>();
    for (Document d : changed) {
      List<Passage> ps = chunker.split(d.text());
      passages.add(ps);
      for (int i = 0; i < embeddedCount(ps); i++) {
        toEmbed.add(embeddingText(d, ps.get(i)));
      }
    }
    // 3. embed
    long t = System.nanoTime();
    List<float[]> vectors = encoder == null || toEmbed.isEmpty() ? List.of() : encoder.encodePassages(toEmbed);
    long embedNanos = encoder == null ? 0 : System.nanoTime() - t;
    List<IndexedDocument> out = new ArrayList<>(changed.size());
    int next = 0;
    for (int i = 0; i < changed.size(); i++) {
      List<Passage> ps = passages.get(i);
      List<float[]> vs = new ArrayList<>(ps.size());
      for (int p = 0; p < ps.size(); p++) {
        vs.add(p < embeddedCount(ps) ? vectors.get(next++) : null);
      }
      out.add(new IndexedDocument(changed.get(i), ps, vs, hashes.get(i)));
    }
    return new Prepared(out, unchanged, toEmbed.size(), embedNanos);
  }

  /**
   * Step 4: writes each prepared document as one block, replacing any previous version, and tells
   * the listener. Not yet durable: see {@link QuarryIndex#commit()}.
   */
  public IndexResult write(Prepared prepared) throws IOException {
    if (prepared.documents().isEmpty()) {
      return new IndexResult(0, prepared.unchanged(), 0, 0, prepared.embedNanos(), 0, 0, -1);
    }
    long t = System.nanoTime();
    long seq = index.upsert(prepared.documents());
    long written = System.nanoTime();
    List<DocumentListener.Indexed> told = new ArrayList<>(prepared.documents().size());
    int passageCount = 0;
    for (IndexedDocument d : prepared.documents()) {
      told.add(new DocumentListener.Indexed(d.document(), d.contentHash(), d.passages()));
      passageCount += d.passages().size();
    }
    listener.indexed(told);
    return new IndexResult(prepared.documents().size(), prepared.unchanged(), passageCount,
        prepared.embedded(), prepared.embedNanos(), System.nanoTime() - written, written - t, seq);
  }

  /**
   * A batch chunked and embedded, not yet written.
   *
   * @param documents the changed documents, ready to write
   * @param unchanged documents skipped because the index held the same content
   * @param embedded passages embedded
   * @param embedNanos time in the encoder
   */
  public record Prepared(List<IndexedDocument> documents, int unchanged, int embedded, long embedNanos) {
    public Prepared {
      documents = List.copyOf(documents);
    }

    /** Several prepared batches as one (a batch that had to be prepared document by document). */
    public static Prepared merge(List<Prepared> parts) {
      List<IndexedDocument> all = new ArrayList<>();
      int unchanged = 0;
      int embedded = 0;
      long nanos = 0;
      for (Prepared p : parts) {
        all.addAll(p.documents());
        unchanged += p.unchanged();
        embedded += p.embedded();
        nanos += p.embedNanos();
      }
      return new Prepared(all, unchanged, embedded, nanos);
    }
  }

  private int embeddedCount(List<Passage> ps) {
    if (encoder == null) {
      return 0;
    }
    int max = index.settings().maxEmbeddedPassages();
    return max == 0 ? ps.size() : Math.min(max, ps.size());
  }

  /** The text a passage is embedded as: the title gives each passage its document's context. */
  String embeddingText(Document d, Passage p) {
    if (!index.settings().titleInPassageVector() || d.title().isBlank()) {
      return p.text().isBlank() ? d.title() : p.text();
    }
    return p.text().isBlank() ? d.title() : d.title() + "\n" + p.text();
  }

  /** SHA-256 over every field that reaches the index, length-prefixed so fields cannot run together. */
  static String contentHash(Document d) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {d.title(), d.text(), d.source(),
          d.date() == null ? null : d.date().toString(), d.url(), d.facets().toString()}) {
        byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
        md.update((byte) (part == null ? 0 : 1));
        md.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        md.update(bytes);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
