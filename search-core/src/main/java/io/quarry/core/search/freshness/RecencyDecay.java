package io.quarry.core.search.freshness;

import io.quarry.core.search.leg.FilterQueries;
import io.quarry.core.fusion.Candidate;
import io.quarry.core.fusion.FusedHit;
import io.quarry.core.fusion.HitOrder;
import io.quarry.core.index.Fields;
import io.quarry.core.index.QuarryIndex;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;

/**
 * Multiplies fused scores by {@code 0.5^(age / halfLife)}, the age in days before the anchor day
 * (a document from the anchor day keeps its score; one a half-life old keeps half). Undated
 * documents cannot be shown to be fresh: they keep their fused order but rank after every dated
 * one.
 *
 * <p>Reads one date doc value per hit: microseconds for a few hundred hits.
 */
public final class RecencyDecay {

  private static final long DAY_MS = 86_400_000L;

  private RecencyDecay() {}

  /** Decays {@code fused} and returns the best {@code limit}, best first. */
  public static List<FusedHit> apply(QuarryIndex.Snapshot snapshot, List<FusedHit> fused, LocalDate anchor,
      double halfLifeDays, int limit) throws IOException {
    long anchorMs = FilterQueries.startOfDay(anchor);
    List<LeafReaderContext> leaves = snapshot.searcher().getIndexReader().leaves();
    List<Decayed> out = new ArrayList<>(fused.size());
    for (FusedHit h : fused) {
      Long date = date(leaves, h.best());
      double factor = date == null ? 0 : Math.pow(0.5, Math.max(0, anchorMs - date) / (double) DAY_MS / halfLifeDays);
      out.add(new Decayed(h, date != null, h.score() * factor));
    }
    out.sort(Comparator.comparing((Decayed d) -> !d.dated)
        .thenComparing(Comparator.comparingDouble((Decayed d) -> d.score).reversed())
        .thenComparing(d -> d.hit, HitOrder.FUSED));
    List<FusedHit> top = new ArrayList<>(Math.min(limit, out.size()));
    for (Decayed d : out.subList(0, Math.min(limit, out.size()))) {
      top.add(new FusedHit(d.hit.key(), d.score, d.hit.legs(), d.hit.best()));
    }
    return top;
  }

  /** The publish date (epoch ms) of the hit's document, or null when undated. */
  private static Long date(List<LeafReaderContext> leaves, Candidate c) throws IOException {
    int doc = c.doc() >= 0 ? c.doc() : c.passageDoc();
    if (doc < 0) {
      return null;
    }
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    NumericDocValues dates = DocValues.getNumeric(leaf.reader(), Fields.DATE);
    return dates.advanceExact(doc - leaf.docBase) ? dates.longValue() : null;
  }

  private record Decayed(FusedHit hit, boolean dated, double score) {}
}
