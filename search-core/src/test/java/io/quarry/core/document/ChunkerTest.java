package io.quarry.core.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  private static List<String> texts(List<Passage> ps) {
    return ps.stream().map(Passage::text).toList();
  }

  @Test
  void should_return_one_passage_when_text_fits() {
    List<Passage> ps = new Chunker(new ChunkerConfig(10, 2)).split("One two three. Four five.");
    assertEquals(List.of("One two three. Four five."), texts(ps));
    assertEquals(0, ps.get(0).start());
  }

  @Test
  void should_return_one_empty_passage_when_text_is_blank() {
    List<Passage> ps = new Chunker(ChunkerConfig.DEFAULT).split("   ");
    assertEquals(1, ps.size());
    assertEquals("", ps.get(0).text());
  }

  @Test
  void should_cut_between_sentences_with_overlap() {
    // sentences of 4, 4, 4 and 4 words; 8 words a passage, overlap up to 4 words = one sentence
    String text = "Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu. Nu xi omicron pi.";
    List<Passage> ps = new Chunker(new ChunkerConfig(8, 3)).split(text);
    // overlap 3 < one sentence (4 words): no sentence is carried over
    assertEquals(List.of(
        "Alpha beta gamma delta. Epsilon zeta eta theta.",
        "Iota kappa lambda mu. Nu xi omicron pi."), texts(ps));
    ps = new Chunker(new ChunkerConfig(9, 4)).split(text);
    assertEquals(List.of(
        "Alpha beta gamma delta. Epsilon zeta eta theta.",
        "Epsilon zeta eta theta. Iota kappa lambda mu.",
        "Iota kappa lambda mu. Nu xi omicron pi."), texts(ps));
  }

  @Test
  void should_split_on_words_when_a_sentence_is_longer_than_a_passage() {
    String text = "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16 a17 a18 a19 a20";
    List<Passage> ps = new Chunker(new ChunkerConfig(8, 0)).split(text);
    assertEquals(List.of("a1 a2 a3 a4 a5 a6 a7 a8", "a9 a10 a11 a12 a13 a14 a15 a16",
        "a17 a18 a19 a20"), texts(ps));
  }

  @Test
  void should_reject_overlap_of_half_a_passage_or_more() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChunkerConfig(10, 5));
    assertTrue(e.getMessage().contains("illegal overlapWords: 5"), e.getMessage());
  }

  @Test
  void should_cover_every_word_with_bounded_passages_for_random_text() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("ChunkerTest seed: -Dtests.seed=" + seed);
    Random r = new Random(seed);
    for (int round = 0; round < 200; round++) {
      StringBuilder sb = new StringBuilder();
      List<String> words = new ArrayList<>();
      int sentences = 1 + r.nextInt(30);
      for (int s = 0; s < sentences; s++) {
        int n = 1 + r.nextInt(r.nextInt(10) == 0 ? 80 : 15);
        for (int w = 0; w < n; w++) {
          String word = "w" + words.size();
          words.add(word);
          sb.append(w == 0 ? "" : " ").append(w == 0 ? "S" + word : word);
        }
        sb.append(". ");
      }
      int max = 8 + r.nextInt(40);
      int overlap = r.nextInt(max / 2);
      String text = sb.toString();
      List<Passage> ps = new Chunker(new ChunkerConfig(max, overlap)).split(text);
      StringBuilder seen = new StringBuilder();
      for (Passage p : ps) {
        assertEquals(text.substring(p.start(), p.end()), p.text(), "seed " + seed);
        assertTrue(p.text().split("\\s+").length <= max, "seed " + seed + ": " + p.text());
        seen.append(' ').append(p.text());
      }
      for (String w : words) {
        assertTrue(seen.toString().contains(w + " ") || seen.toString().contains(w + "."),
            "seed " + seed + ": lost " + w);
      }
      for (int i = 1; i < ps.size(); i++) {
        assertTrue(ps.get(i).start() > ps.get(i - 1).start(), "seed " + seed + ": no progress");
      }
    }
  }
}
