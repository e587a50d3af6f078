package io.quarry.core.search.leg;

import io.quarry.core.search.Hit;
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
public final class Hydrator {

  /** Passages carry their document's display fields, so only the passage is loaded. */
  private static final Set<String> FIELDS = Set.of(Fields.DOC_ID, Fields.TITLE, Fields.DATE_TEXT,
      Fields.SOURCE, Fields.URL, Fields.PASSAGE, Fields.PASSAGE_ORD);

  private Hydrator() {}

  public static List<Hit> hydrate(QuarryIndex index, QuarryIndex.Snapshot snapshot, List<FusedHit> fused,
      boolean passages, QueryTerms passageTerms) throws IOException {
    IndexSearcher searcher = snapshot.searcher();
    StoredFields stored = searcher.storedFields();
    PassageSelector selector = passages ? null
        : new PassageSelector(searcher, index.parents(), passageTerms);
    List<Hit> out = new ArrayList<>(fused.size());
    for (FusedHit f : fused) {
      int child;
      if (passages) {
        child = f.best().doc();
      } else {
        int parent = f.best().doc() >= 0 ? f.best().doc() : snapshot.parentOf(f.key());
        if (parent < 0) {
          continue; // deleted since a non-Lucene leg saw it
        }
        child = f.best().passageDoc() >= 0 ? f.best().passageDoc() : selector.bestPassage(parent);
      }
      org.apache.lucene.document.Document c = stored.document(child, FIELDS);
      String date = c.get(Fields.DATE_TEXT);
      out.add(new Hit(
          c.get(Fields.DOC_ID),
          c.get(Fields.TITLE),
          c.get(Fields.PASSAGE),
          c.getField(Fields.PASSAGE_ORD).numericValue().intValue(),
          date == null ? null : PublishDate.parse(date),
          c.get(Fields.SOURCE),
          c.get(Fields.URL),
          f.score(),
          f.legs()));
    }
    return out;
  }
}
