package io.quarry.core.index;

import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;

/**
 * Reads back every live passage vector of an index with the passage it belongs to: the vectors
 * the vector leg's HNSW graph searches, so a peer engine (or an exact scan) can be given exactly
 * the same ones.
 */
public final class PassageVectors {

  /**
   * One embedded passage.
   *
   * @param docId the document's external id
   * @param ordinal the passage's position in its document, from 0
   * @param title the document's title
   * @param text the passage text as indexed
   * @param vector the unit-length vector, as stored
   */
  public record Exported(String docId, int ordinal, String title, String text, float[] vector) {
    public Exported {
      Objects.requireNonNull(docId, "docId");
      Objects.requireNonNull(vector, "vector");
    }
  }

  /** Receives each exported passage. */
  @FunctionalInterface
  public interface Sink {
    void accept(Exported passage) throws IOException;
  }

  private static final Set<String> STORED = Set.of(Fields.DOC_ID, Fields.PASSAGE_ORD,
      Fields.TITLE, Fields.PASSAGE);

  private PassageVectors() {}

  /**
   * Sends every live passage that has a vector to {@code sink}, in index order (segment by
   * segment). Cost: one stored-fields load per passage; about a second per 10,000 passages.
   *
   * @return how many were sent
   */
  public static long export(QuarryIndex.Snapshot snapshot, Sink sink) throws IOException {
    IndexSearcher searcher = snapshot.searcher();
    StoredFields stored = searcher.storedFields();
    long sent = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
      if (values == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      KnnVectorValues.DocIndexIterator it = values.iterator();
      for (int d = it.nextDoc(); d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        if (live != null && !live.get(d)) {
          continue;
        }
        float[] v = values.vectorValue(it.index()).clone(); // the reader reuses its buffer
        org.apache.lucene.document.Document doc = stored.document(leaf.docBase + d, STORED);
        Number ord = doc.getField(Fields.PASSAGE_ORD).numericValue();
        sink.accept(new Exported(doc.get(Fields.DOC_ID), ord.intValue(), doc.get(Fields.TITLE),
            doc.get(Fields.PASSAGE), v));
        sent++;
      }
    }
    return sent;
  }
}
