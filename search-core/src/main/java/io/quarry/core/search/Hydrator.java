package io.quarry.core.search;

import io.quarry.core.document.PublishDate;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.index.Fields;
import io.quarry.core.index.QuarryIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;

/**
 * Turns fused keys into {@link Hit}s: loads the stored fields of the document and of its best
 * passage. Only the final top k are hydrated, so stored-field cost does not grow with the
 * candidate pools.
 */
final class Hydrator {

  private static final Set<String> PARENT_FIELDS =
      Set.of(Fields.DOC_ID, Fields.TITLE, Fields.DATE_TEXT, Fields.SOURCE, Fields.URL);
  private static final Set<String> CHILD_FIELDS = Set.of(Fields.PASSAGE, Fields.PASSAGE_ORD);

  private Hydrator() {}

  static List<Hit> hydrate(QuarryIndex index, QuarryIndex.Snapshot snapshot, List<FusedHit> fused,
      boolean passages, QueryTerms passageTerms) throws IOException {
    IndexSearcher searcher = snapshot.searcher();
    StoredFields stored = searcher.storedFields();
    PassageSelector selector = passages ? null
        : new PassageSelector(searcher, index.parents(), passageTerms);
    List<Hit> out = new ArrayList<>(fused.size());
    for (FusedHit f : fused) {
      int parent;
      int child;
      if (passages) {
        child = f.best().doc();
        parent = DocKeys.parentsOf(searcher, index.parents(), new int[] {child})[0];
      } else {
        parent = f.best().doc() >= 0 ? f.best().doc() : snapshot.parentOf(f.key());
        if (parent < 0) {
          continue; // deleted since a non-Lucene leg saw it
        }
        child = f.best().passageDoc() >= 0 ? f.best().passageDoc() : selector.bestPassage(parent);
      }
      org.apache.lucene.document.Document p = stored.document(parent, PARENT_FIELDS);
      org.apache.lucene.document.Document c = stored.document(child, CHILD_FIELDS);
      String date = p.get(Fields.DATE_TEXT);
      out.add(new Hit(
          p.get(Fields.DOC_ID),
          p.get(Fields.TITLE),
          c.get(Fields.PASSAGE),
          c.getField(Fields.PASSAGE_ORD).numericValue().intValue(),
          date == null ? null : PublishDate.parse(date),
          p.get(Fields.SOURCE),
          p.get(Fields.URL),
          f.score(),
          f.legs()));
    }
    return out;
  }
}
