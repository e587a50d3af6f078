package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.embeddings.TestTexts;
import io.quarry.embeddings.onnx.Tokens;
import io.quarry.embeddings.rerank.OnnxCheckpoints.Source;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairTokenizerTest {

  private static final long CLS = 101;
  private static final long SEP = 102;

  @Test
  void should_build_the_bert_pair_template_when_nothing_is_truncated() throws Exception {
    try (PairTokenizer t = new PairTokenizer(Source.MINILM.tokenizerBytes(), 512)) {
      Tokens pair = t.encode("vitamin d", List.of("sunlight makes it"))[0];
      // [CLS] vitamin d [SEP] sunlight makes it [SEP]; the passage side has token type 1
      assertEquals(CLS, pair.ids()[0]);
      assertEquals(SEP, pair.ids()[3]);
      assertEquals(SEP, pair.ids()[pair.length() - 1]);
      assertArrayEquals(new long[] {0, 0, 0, 0, 1, 1, 1, 1}, pair.typeIds());
      assertEquals(0, t.truncatedCount());
      assertEquals(0, t.padId());
    }
  }

  @Test
  void should_cut_only_the_passage_when_the_pair_is_too_long() throws Exception {
    try (PairTokenizer t = new PairTokenizer(Source.MINILM.tokenizerBytes(), 32)) {
      String query = "does vitamin d deficiency raise infection risk";
      Tokens alone = t.encode(query, List.of("x"))[0];
      Tokens cut = t.encode(query, List.of(TestTexts.longText(5)))[0];
      assertEquals(32, cut.length());
      int queryEnd = alone.length() - 2; // [CLS] query [SEP] x [SEP]: the query part ends before "x"
      for (int i = 0; i < queryEnd; i++) {
        assertEquals(alone.ids()[i], cut.ids()[i], "query token " + i + " kept");
      }
      assertTrue(cut.truncated());
      assertEquals(1, t.truncatedCount());
    }
  }

  /**
   * Sweeps the query length across the point where only-second truncation becomes impossible: the
   * Rust tokenizer panics there (and aborts the JVM) unless the query side is cut too.
   */
  @Test
  void should_never_abort_and_always_fit_when_the_query_alone_fills_the_budget() throws Exception {
    int max = 16;
    for (Source source : Source.values()) {
      try (PairTokenizer t = new PairTokenizer(source.tokenizerBytes(), max)) {
        for (int words = 1; words <= 2 * max; words++) {
          String query = String.join(" ", Collections.nCopies(words, "vitamin"));
          for (String passage : List.of("", "x", TestTexts.longText(3))) {
            Tokens pair = t.encode(query, List.of(passage))[0];
            assertTrue(pair.length() <= max, source + " " + words + " words: " + pair.length());
            assertEquals(SEP, pair.ids()[pair.length() - 1]);
          }
        }
      }
    }
  }
}
