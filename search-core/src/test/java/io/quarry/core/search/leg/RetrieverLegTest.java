package io.quarry.core.search.leg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.core.search.Filters;
import io.quarry.core.spi.DocumentRetriever;
import io.quarry.core.testing.TestCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A retriever that knows nothing of Lucene, plugged in through the SPI, keeps the leg contract. */
class RetrieverLegTest extends RetrievalLegTestCase {

  /** Ranks the corpus by how many query words each document's title has; names a ghost too. */
  static final class TitleWords implements DocumentRetriever {
    @Override public String name() { return "titles"; }
    @Override public boolean needsQueryVector() { return false; }
    @Override public Result retrieve(Query q) {
      List<Scored> out = new ArrayList<>();
      out.add(new Scored("ghost-not-in-the-index", 99));
      for (var d : TestCorpus.documents()) {
        int n = 0;
        for (String w : q.text().toLowerCase(Locale.ROOT).split("\\W+")) {
          if (w.length() > 3 && d.title().toLowerCase(Locale.ROOT).contains(w)) {
            n++;
          }
        }
        if (n > 0) {
          out.add(new Scored(d.id(), n));
        }
      }
      out.sort((a, b) -> Double.compare(b.score(), a.score()));
      return Result.of(out.subList(0, Math.min(out.size(), q.maxResults())));
    }
  }

  @Override
  protected RetrievalLeg newLeg() {
    return new RetrieverLeg(new TitleWords());
  }

  @Test
  void should_drop_ids_the_index_does_not_have() throws Exception {
    var idx = index(TestCorpus.documents());
    var list = run(newLeg(), idx, "aspirin heart attacks", Filters.NONE, false, 10, io.quarry.core.dag.Cancellation.NONE);
    assertEquals(List.of("d1", "d5"), list.candidates().stream().map(c -> c.key()).toList());
  }
}
