package io.quarry.core.search.leg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.dag.Cancellation;
import io.quarry.core.document.Document;
import io.quarry.core.fusion.Candidate;
import io.quarry.core.fusion.RankedList;
import io.quarry.core.index.IndexSettings;
import io.quarry.core.index.Indexer;
import io.quarry.core.index.QuarryIndex;
import io.quarry.core.search.Filters;
import io.quarry.core.testing.HashingEncoder;
import io.quarry.core.testing.TestCorpus;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link RetrievalLeg} keeps, run by a subclass per leg (as Lucene's {@code
 * BaseKnnVectorQueryTestCase} is for its k-NN queries): an empty index, more candidates asked
 * than there are documents, text of stop words only, a filter that matches nothing, document and
 * passage keys, cancellation, and determinism. The index is {@link TestCorpus} embedded by the
 * {@link HashingEncoder}.
 *
 * <p>A subclass builds its leg with {@link #newLeg} and may override {@link #query} with a text its
 * leg finds something for.
 */
public abstract class RetrievalLegTestCase {

  @TempDir protected Path dir;
  protected final HashingEncoder encoder = new HashingEncoder();
  private QuarryIndex index;

  /** The leg under test. */
  protected abstract RetrievalLeg newLeg();

  /** A query the leg finds at least one document of {@link TestCorpus} for. */
  protected String query() {
    return "aspirin heart attack";
  }

  @AfterEach
  void closeIndex() throws Exception {
    if (index != null) {
      index.close();
    }
  }

  /** Told of the writes {@link #index} makes: a leg over a derived store (the graph) builds it here. */
  protected io.quarry.core.spi.DocumentListener listener() {
    return io.quarry.core.spi.DocumentListener.NONE;
  }

  /** The index of {@code documents}, opened once per test. */
  protected QuarryIndex index(List<Document> documents) throws Exception {
    index = QuarryIndex.open(dir.resolve("index"), IndexSettings.DEFAULT, encoder.modelId(), encoder.dimension());
    if (!documents.isEmpty()) {
      index.awaitVisible(new Indexer(index, encoder, listener()).index(documents).sequence());
    }
    return index;
  }

  /** Runs the leg as a path would. */
  protected RankedList run(RetrievalLeg leg, QuarryIndex idx, String text, Filters filters,
      boolean passages, int candidates, Cancellation cancellation) throws Exception {
    try (QuarryIndex.Snapshot snapshot = idx.acquire()) {
      float[] vector = leg.needsQueryVector() ? encoder.encodeQuery(text) : null;
      return leg.search(new LegInput(snapshot, idx, text, vector, filters, passages, candidates, cancellation));
    }
  }

  private RankedList run(QuarryIndex idx, String text, Filters filters, boolean passages, int candidates)
      throws Exception {
    return run(newLeg(), idx, text, filters, passages, candidates, Cancellation.NONE);
  }

  @Test
  void should_find_nothing_in_an_empty_index() throws Exception {
    RankedList list = run(index(List.of()), query(), Filters.NONE, false, 10);
    assertEquals(List.of(), list.candidates());
  }

  @Test
  void should_list_each_document_once_when_asked_for_more_than_there_are() throws Exception {
    QuarryIndex idx = index(TestCorpus.documents());
    RankedList list = run(idx, query(), Filters.NONE, false, 1000);
    assertFalse(list.candidates().isEmpty(), "the leg found nothing for '" + query() + "'");
    assertTrue(list.size() <= TestCorpus.documents().size(), list.toString());
    Set<String> keys = new HashSet<>();
    list.candidates().forEach(c -> assertTrue(keys.add(c.key()), "listed twice: " + c.key()));
    assertEquals(newLeg().name(), list.leg());
  }

  @Test
  void should_rank_best_first_and_respect_the_candidate_limit() throws Exception {
    QuarryIndex idx = index(TestCorpus.documents());
    RankedList list = run(idx, query(), Filters.NONE, false, 2);
    assertTrue(list.size() <= 2, list.toString());
    for (int i = 1; i < list.size(); i++) {
      assertTrue(list.candidates().get(i - 1).score() >= list.candidates().get(i).score(), list.toString());
    }
  }

  @Test
  void should_survive_text_of_stop_words_only() throws Exception {
    QuarryIndex idx = index(TestCorpus.documents());
    RankedList list = run(idx, "the of and to", Filters.NONE, false, 10);
    Set<String> keys = new HashSet<>();
    list.candidates().forEach(c -> assertTrue(keys.add(c.key()), "listed twice: " + c.key()));
  }

  @Test
  void should_find_nothing_through_a_filter_that_matches_nothing() throws Exception {
    QuarryIndex idx = index(TestCorpus.documents());
    Filters nowhere = new Filters(List.of("no-such-source"), Map.of(), null, null, null);
    assertEquals(List.of(), run(idx, query(), nowhere, false, 10).candidates());
    assertEquals(List.of(), run(idx, query(), nowhere, true, 10).candidates());
  }

  @Test
  void should_keep_only_what_the_filter_admits() throws Exception {
    QuarryIndex idx = index(TestCorpus.documents());
    Filters news = new Filters(List.of("news"), Map.of(), null, null, null);
    Set<String> newsIds = Set.of("d3", "d4", "d5");
    for (Candidate c : run(idx, "aspirin children vitamin exercise", news, false, 10).candidates()) {
      assertTrue(newsIds.contains(c.key()), c.key() + " is not from source news");
    }
  }

  @Test
  void should_key_documents_by_id_and_passages_by_id_and_ordinal() throws Exception {
    QuarryIndex idx = index(TestCorpus.documents());
    Set<String> ids = new HashSet<>();
    TestCorpus.documents().forEach(d -> ids.add(d.id()));
    for (Candidate c : run(idx, query(), Filters.NONE, false, 10).candidates()) {
      assertTrue(ids.contains(c.key()), "not a document id: " + c.key());
    }
    RankedList passages = run(idx, query(), Filters.NONE, true, 10);
    assertFalse(passages.candidates().isEmpty());
    for (Candidate c : passages.candidates()) {
      String[] parts = c.key().split("#");
      assertEquals(2, parts.length, c.key());
      assertTrue(ids.contains(parts[0]), c.key());
      assertTrue(Integer.parseInt(parts[1]) >= 0, c.key());
      assertTrue(c.doc() >= 0, "a passage candidate names its Lucene doc: " + c);
    }
  }

  @Test
  void should_stop_when_cancelled() throws Exception {
    QuarryIndex idx = index(TestCorpus.documents());
    Cancellation cancelled = new Cancellation();
    cancelled.cancel();
    assertThrows(CancellationException.class,
        () -> run(newLeg(), idx, query(), Filters.NONE, false, 10, cancelled));
  }

  @Test
  void should_answer_the_same_twice() throws Exception {
    QuarryIndex idx = index(TestCorpus.documents());
    assertEquals(run(idx, query(), Filters.NONE, false, 10).candidates(),
        run(idx, query(), Filters.NONE, false, 10).candidates());
    assertEquals(run(idx, query(), Filters.NONE, true, 10).candidates(),
        run(idx, query(), Filters.NONE, true, 10).candidates());
  }
}
