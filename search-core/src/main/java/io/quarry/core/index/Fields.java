package io.quarry.core.index;

/**
 * Field names of the Lucene index, defined once.
 *
 * <p>Each document is stored as one Lucene block: its passages as child documents, followed by
 * the parent document (Lucene's block-join layout). Filter fields (date, source, facets) are
 * written on both, so the parent-level BM25 leg and the passage-level vector leg filter the same
 * way without a join at query time.
 */
public final class Fields {

  /** On every document of a block: the external id. Deleting by it removes the whole block. */
  public static final String DOC_ID = "_doc";

  /**
   * Parent only: the external id as sorted doc values, for cheap id lookups at search time.
   * (Lucene requires a field to have the same schema in every doc, so this cannot share the name
   * of {@link #DOC_ID}, which children carry without doc values.)
   */
  public static final String DOC_KEY = "_doc_key";

  /** {@link #KIND_DOCUMENT} or {@link #KIND_PASSAGE}. */
  public static final String KIND = "_kind";

  public static final String KIND_DOCUMENT = "doc";
  public static final String KIND_PASSAGE = "passage";

  /** Parent: title and text in one BM25 field (as Anserini's "flat" SciFact baseline). */
  public static final String CONTENTS = "contents";

  /** Both, stored: the title (on passages too, so a hit loads one stored document). */
  public static final String TITLE = "title";

  /** Parent, stored: the whole text. */
  public static final String TEXT = "text";

  /** Both, stored: url. */
  public static final String URL = "url";

  /** Both: exact source, indexed and stored. */
  public static final String SOURCE = "source";

  /** Both: publish instant in epoch milliseconds (point + doc values); stored text on the parent. */
  public static final String DATE = "date";

  /** Both, stored: the date as given ({@code YYYY-MM-DD} or an instant). */
  public static final String DATE_TEXT = "date_text";

  /** Both: one {@code name=value} term per facet value; stored on the parent. */
  public static final String FACET = "facet";

  /** Child: passage text, BM25-indexed and stored. */
  public static final String PASSAGE = "passage";

  /** Child: passage ordinal (stored and doc values). */
  public static final String PASSAGE_ORD = "passage_ord";

  /**
   * On each passage: what a hit shows (document id, title, date, source, url, passage text and
   * ordinal) in one binary doc value ({@link HitFields}), so hydration reads a slice instead of
   * decompressing a stored-fields block per hit.
   */
  public static final String HIT = "_hit";

  /** Child: the passage embedding. */
  public static final String VECTOR = "vector";

  /** Parent: number of passages (stored). */
  public static final String PASSAGE_COUNT = "passage_count";

  /** Parent: hash of the indexed content, so unchanged re-sends can be detected (stored). */
  public static final String CONTENT_HASH = "content_hash";

  private Fields() {}
}
