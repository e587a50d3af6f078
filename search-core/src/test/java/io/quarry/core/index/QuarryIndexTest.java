package io.quarry.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.document.ChunkerConfig;
import io.quarry.core.document.Document;
import io.quarry.core.testing.HashingEncoder;
import io.quarry.core.testing.TestCorpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarryIndexTest {

  @TempDir Path dir;
  private final HashingEncoder encoder = new HashingEncoder();

  private QuarryIndex open(IndexSettings settings) throws Exception {
    return QuarryIndex.open(dir, settings, encoder.modelId(), encoder.dimension());
  }

  @Test
  void should_replace_not_duplicate_when_a_document_is_sent_again() throws Exception {
    try (QuarryIndex index = open(IndexSettings.DEFAULT)) {
      Indexer indexer = new Indexer(index, encoder);
      index.awaitVisible(indexer.index(TestCorpus.documents()).sequence());
      Document changed = Document.of("d1", "Aspirin revisited", "New text about aspirin.");
      IndexResult r = indexer.index(List.of(changed));
      index.awaitVisible(r.sequence());
      assertEquals(1, r.indexed());
      IndexStats stats = index.stats();
      assertEquals(5, stats.documents());
      assertEquals("Aspirin revisited", index.get("d1").orElseThrow().title());
      assertEquals(5, stats.passages()); // one passage per short document
    }
  }

  @Test
  void should_skip_unchanged_documents_without_embedding() throws Exception {
    try (QuarryIndex index = open(IndexSettings.DEFAULT)) {
      Indexer indexer = new Indexer(index, encoder);
      index.awaitVisible(indexer.index(TestCorpus.documents()).sequence());
      int before = encoder.passagesEncoded();
      IndexResult r = indexer.index(TestCorpus.documents());
      assertEquals(0, r.indexed());
      assertEquals(5, r.unchanged());
      assertEquals(before, encoder.passagesEncoded());
    }
  }

  @Test
  void should_round_trip_every_field() throws Exception {
    try (QuarryIndex index = open(IndexSettings.DEFAULT)) {
      index.awaitVisible(new Indexer(index, encoder).index(TestCorpus.documents()).sequence());
      for (Document d : TestCorpus.documents()) {
        assertEquals(d, index.get(d.id()).orElseThrow());
      }
    }
  }

  @Test
  void should_remove_document_and_passages_when_deleted() throws Exception {
    try (QuarryIndex index = open(IndexSettings.DEFAULT)) {
      index.awaitVisible(new Indexer(index, encoder).index(TestCorpus.documents()).sequence());
      index.awaitVisible(index.delete("d2"));
      assertTrue(index.get("d2").isEmpty());
      IndexStats stats = index.stats();
      assertEquals(4, stats.documents());
      assertEquals(4, stats.passages());
      assertEquals(4, stats.embeddedPassages());
    }
  }

  @Test
  void should_keep_documents_across_reopen_after_commit() throws Exception {
    try (QuarryIndex index = open(IndexSettings.DEFAULT)) {
      new Indexer(index, encoder).index(TestCorpus.documents());
      index.commit();
    }
    try (QuarryIndex index = open(IndexSettings.DEFAULT)) {
      IndexStats stats = index.stats();
      assertEquals(5, stats.documents());
      assertEquals("test-hashing-64", stats.embeddingModel());
      assertTrue(stats.sizeBytes() > 0);
      assertTrue(stats.lastWrite() != null);
    }
  }

  @Test
  void should_refuse_to_open_with_another_model_or_chunking() throws Exception {
    try (QuarryIndex index = open(IndexSettings.DEFAULT)) {
      new Indexer(index, encoder).index(TestCorpus.documents());
      index.commit();
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> QuarryIndex.open(dir, IndexSettings.DEFAULT, "other-model", 64));
    assertTrue(e.getMessage().contains("holds vectors of model 'test-hashing-64'"), e.getMessage());
    IndexSettings other = new IndexSettings(0.9f, 0.4f, new ChunkerConfig(50, 10), true,
        VectorFormat.FLOAT32, 16, 100, 0, true);
    e = assertThrows(IllegalStateException.class, () -> open(other));
    assertTrue(e.getMessage().contains("chunk=200/40"), e.getMessage());
  }

  @Test
  void should_embed_only_lead_passages_when_capped() throws Exception {
    IndexSettings lead = new IndexSettings(0.9f, 0.4f, new ChunkerConfig(8, 0), true,
        VectorFormat.INT7, 16, 100, 1, true);
    try (QuarryIndex index = open(lead)) {
      Document longDoc = Document.of("long", "Long", "One two three four five six seven. "
          + "Eight nine ten eleven twelve thirteen. Fourteen fifteen sixteen seventeen.");
      IndexResult r = new Indexer(index, encoder).index(List.of(longDoc));
      index.awaitVisible(r.sequence());
      assertEquals(3, r.passages());
      assertEquals(1, r.embedded());
      IndexStats stats = index.stats();
      assertEquals(3, stats.passages());
      assertEquals(1, stats.embeddedPassages());
      assertFalse(index.get("long").isEmpty());
    }
  }
}
