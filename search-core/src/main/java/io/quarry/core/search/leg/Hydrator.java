package io.quarry.core.search.leg;

import io.quarry.core.search.Hit;
import io.quarry.core.document.PublishDate;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.index.Fields;
import io.quarry.core.index.HitFields;
import io.quarry.core.index.QuarryIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;

/**
 * Turns fused keys into {@link Hit}s: picks each document hit's best passage and reads that
 * passage's display fields from its {@link Fields#HIT} doc value (stored fields in segments
 * written before it existed). Only the final top k are hydrated, so the cost does not grow with
 * the candidate pools.
 */
public final class Hydrator {

  /** Passages carry their document's display fields, so only the passage is loaded. */
  private static final Set<String> FIELDS = Set.of(Fields.DOC_ID, Fields.TITLE, Fields.DATE_TEXT,
      Fields.SOURCE, Fields.URL, Fields.PASSAGE, Fields.PASSAGE_ORD);

  /** The name a shrunk hydration is reported under. */
  public static final String NAME = "hydrate";

  private Hydrator() {}

  /**
   * The hits of one answer and, when time ran short, what was left out.
   *
   * @param hits the hydrated hits, best first
   * @param dropped {@value #NAME} with {@code timeout} when fewer hits than asked were hydrated
   *     for lack of time, else null
   */
  public record Hydrated(List<Hit> hits, io.quarry.core.search.DroppedLeg dropped) {}

  /**
   * Hydrates the top of {@code fused} that the time left before {@code endNanos} pays for at the
   * cost per hit {@code reserve} has learnt (at least one hit), and teaches {@code reserve} what
   * this hydration cost.
   *
   * @param query the text the passages are chosen for
   */
  public static Hydrated within(QuarryIndex index, QuarryIndex.Snapshot snapshot, List<FusedHit> fused,
      boolean passages, String query, FinishingReserve reserve, long endNanos) throws IOException {
    long t = System.nanoTime();
    int n = fused.isEmpty() ? 0 : reserve.affordableHits(fused.size(), endNanos);
    QueryTerms terms = QueryTerms.analyze(index.analyzer(), Fields.PASSAGE, query);
    List<Hit> hits = hydrate(index, snapshot, fused.subList(0, n), passages, terms);
    reserve.observeHydration(n, System.nanoTime() - t);
    io.quarry.core.search.DroppedLeg cut = n < fused.size()
        ? io.quarry.core.search.DroppedLeg.timeout(NAME, "hydrated " + n + " of " + fused.size()
            + " hits in the time left")
        : null;
    return new Hydrated(hits, cut);
  }

  public static List<Hit> hydrate(QuarryIndex index, QuarryIndex.Snapshot snapshot, List<FusedHit> fused,
      boolean passages, QueryTerms passageTerms) throws IOException {
    IndexSearcher searcher = snapshot.searcher();
    StoredFields stored = searcher.storedFields();
    // 1. the passage each hit shows: known for passage and vector hits, chosen by BM25 over the
    //    document's passages for whole-document hits (in one forward pass, see PassageSelector)
    int[] children = new int[fused.size()];
    int[] needParents = new int[fused.size()];
    int[] needAt = new int[fused.size()];
    int need = 0;
    for (int i = 0; i < fused.size(); i++) {
      FusedHit f = fused.get(i);
      if (passages) {
        children[i] = f.best().doc();
        continue;
      }
      int parent = f.best().doc() >= 0 ? f.best().doc() : snapshot.parentOf(f.key());
      if (parent < 0) {
        children[i] = -1; // deleted since a non-Lucene leg saw it
      } else if (f.best().passageDoc() >= 0) {
        children[i] = f.best().passageDoc();
      } else {
        needParents[need] = parent;
        needAt[need++] = i;
      }
    }
    if (need > 0) {
      int[] chosen = new PassageSelector(searcher, index.parents(), passageTerms)
          .bestPassages(java.util.Arrays.copyOf(needParents, need));
      for (int j = 0; j < need; j++) {
        children[needAt[j]] = chosen[j];
      }
    }
    // 2. each hit's display fields, in doc id order: from the passage's HIT doc value (a slice
    //    read, the doc values iterator only moving forward), or, in a segment written before
    //    that field existed, from its stored fields
    Integer[] order = new Integer[fused.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> children[i]));
    List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    org.apache.lucene.index.LeafReaderContext leaf = null;
    org.apache.lucene.index.BinaryDocValues shown = null;
    Hit[] hits = new Hit[fused.size()];
    for (int i : order) {
      FusedHit f = fused.get(i);
      int child = children[i];
      if (child < 0) {
        continue;
      }
      int li = org.apache.lucene.index.ReaderUtil.subIndex(child, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        shown = leaf.reader().getBinaryDocValues(Fields.HIT);
      }
      if (shown != null && shown.advanceExact(child - leaf.docBase)) {
        HitFields.Decoded d = HitFields.decode(shown.binaryValue());
        hits[i] = new Hit(d.docId(), d.title(), d.passage(), d.ordinal(),
            d.dateText() == null ? null : PublishDate.parse(d.dateText()), d.source(), d.url(),
            f.score(), f.legs());
        continue;
      }
      org.apache.lucene.document.Document c = stored.document(child, FIELDS);
      String date = c.get(Fields.DATE_TEXT);
      hits[i] = new Hit(
          c.get(Fields.DOC_ID),
          c.get(Fields.TITLE),
          c.get(Fields.PASSAGE),
          c.getField(Fields.PASSAGE_ORD).numericValue().intValue(),
          date == null ? null : PublishDate.parse(date),
          c.get(Fields.SOURCE),
          c.get(Fields.URL),
          f.score(),
          f.legs());
    }
    List<Hit> out = new ArrayList<>(fused.size());
    for (Hit h : hits) {
      if (h != null) {
        out.add(h);
      }
    }
    return out;
  }
}
