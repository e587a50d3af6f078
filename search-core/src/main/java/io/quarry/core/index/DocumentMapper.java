package io.quarry.core.index;

import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.core.document.PublishDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * Maps a {@link Document} to its Lucene block (passages first, the parent last) and stored
 * fields back to a {@link Document}. The only place that knows the per-field layout.
 */
final class DocumentMapper {

  /** Vectors are unit length, so the dot product is the cosine and cheaper to compute. */
  static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

  private DocumentMapper() {}

  static List<org.apache.lucene.document.Document> toBlock(IndexedDocument in) {
    Document doc = in.document();
    List<org.apache.lucene.document.Document> block = new ArrayList<>(in.passages().size() + 1);
    for (int i = 0; i < in.passages().size(); i++) {
      Passage p = in.passages().get(i);
      org.apache.lucene.document.Document child = new org.apache.lucene.document.Document();
      // The fields a hit displays are stored on every passage too, so hydrating a hit is one
      // stored-document load (about 14 us each on SciFact) instead of two.
      child.add(new StringField(Fields.DOC_ID, doc.id(), Field.Store.YES));
      child.add(new StoredField(Fields.TITLE, doc.title()));
      if (doc.url() != null) {
        child.add(new StoredField(Fields.URL, doc.url()));
      }
      if (doc.date() != null) {
        child.add(new StoredField(Fields.DATE_TEXT, doc.date().toString()));
      }
      child.add(new StringField(Fields.KIND, Fields.KIND_PASSAGE, Field.Store.NO));
      child.add(new TextField(Fields.PASSAGE, p.text(), Field.Store.YES));
      child.add(new StoredField(Fields.PASSAGE_ORD, p.ordinal()));
      child.add(new NumericDocValuesField(Fields.PASSAGE_ORD, p.ordinal()));
      child.add(new org.apache.lucene.document.BinaryDocValuesField(Fields.HIT, HitFields.encode(
          doc.id(), doc.title(), doc.date() == null ? null : doc.date().toString(), doc.source(),
          doc.url(), p.text(), p.ordinal())));
      float[] vector = in.vectors().get(i);
      if (vector != null) {
        child.add(new KnnFloatVectorField(Fields.VECTOR, vector, SIMILARITY));
      }
      addFilterFields(child, doc, false);
      block.add(child);
    }
    org.apache.lucene.document.Document parent = new org.apache.lucene.document.Document();
    parent.add(new StringField(Fields.DOC_ID, doc.id(), Field.Store.YES));
    parent.add(new SortedDocValuesField(Fields.DOC_KEY, new BytesRef(doc.id())));
    parent.add(new StringField(Fields.KIND, Fields.KIND_DOCUMENT, Field.Store.NO));
    parent.add(new TextField(Fields.CONTENTS, contents(doc), Field.Store.NO));
    parent.add(new StoredField(Fields.TITLE, doc.title()));
    parent.add(new StoredField(Fields.TEXT, doc.text()));
    parent.add(new StoredField(Fields.PASSAGE_COUNT, in.passages().size()));
    parent.add(new StoredField(Fields.CONTENT_HASH, in.contentHash()));
    if (doc.url() != null) {
      parent.add(new StoredField(Fields.URL, doc.url()));
    }
    if (doc.date() != null) {
      parent.add(new StoredField(Fields.DATE_TEXT, doc.date().toString()));
    }
    addFilterFields(parent, doc, true);
    block.add(parent);
    return block;
  }

  /** Title and text in one field, as the reference BM25 runs index them. */
  static String contents(Document doc) {
    return doc.title().isEmpty() ? doc.text() : doc.title() + " " + doc.text();
  }

  private static void addFilterFields(
      org.apache.lucene.document.Document target, Document doc, boolean stored) {
    if (doc.source() != null) {
      target.add(new StringField(Fields.SOURCE, doc.source(), Field.Store.YES)); // displayed with hits
    }
    if (doc.date() != null) {
      long millis = doc.date().instant().toEpochMilli();
      target.add(new LongPoint(Fields.DATE, millis));
      target.add(new NumericDocValuesField(Fields.DATE, millis));
    }
    doc.facets().forEach((name, values) -> {
      for (String value : values) {
        target.add(new StringField(Fields.FACET, facetTerm(name, value), stored ? Field.Store.YES : Field.Store.NO));
      }
    });
  }

  /** The indexed term for one facet value. */
  static String facetTerm(String name, String value) {
    return name + "=" + value;
  }

  /** Rebuilds the document from a parent's stored fields. */
  static Document fromStored(org.apache.lucene.document.Document stored) {
    String dateText = stored.get(Fields.DATE_TEXT);
    Map<String, List<String>> facets = new LinkedHashMap<>();
    for (IndexableField f : stored.getFields(Fields.FACET)) {
      String term = f.stringValue();
      int eq = term.indexOf('=');
      facets.computeIfAbsent(term.substring(0, eq), k -> new ArrayList<>()).add(term.substring(eq + 1));
    }
    return new Document(
        stored.get(Fields.DOC_ID),
        stored.get(Fields.TITLE),
        stored.get(Fields.TEXT),
        stored.get(Fields.SOURCE),
        dateText == null ? null : PublishDate.parse(dateText),
        stored.get(Fields.URL),
        facets);
  }
}
