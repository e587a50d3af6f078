package io.quarry.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarry.bench.backend.RankedHit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrecRunWriterTest {

  @TempDir
  Path tmp;

  static Stream<Arguments> scoreCases() {
    return Stream.of(
        Arguments.of("decreasing kept", new double[] {3.5, 2.25, 1},
            List.of("3.500000", "2.250000", "1.000000")),
        Arguments.of("three-way tie", new double[] {1, 1, 1},
            List.of("1.000000", "0.999999", "0.999998")),
        // reranked order not by score: 0.2 after 0.1 must still be written below 0.1
        Arguments.of("not monotone", new double[] {0.1, 0.2, 0.05},
            List.of("0.100000", "0.099999", "0.050000")),
        // differences below 6 decimals round to a tie, which is nudged
        Arguments.of("sub-precision gap", new double[] {0.0163934426, 0.0163934421},
            List.of("0.016393", "0.016392")),
        Arguments.of("negative scores", new double[] {-1.5, -1.5},
            List.of("-1.500000", "-1.500001")),
        Arguments.of("tiny score plain", new double[] {0.00001},
            List.of("0.000010")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scoreCases")
  void should_write_strictly_decreasing_scores_when_engine_scores_tie_or_reorder(String name,
      double[] scores, List<String> expected) {
    List<RankedHit> hits = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      hits.add(new RankedHit("d" + i, scores[i], null));
    }
    List<String> written = TrecRunWriter.lines("q", hits, "t").stream()
        .map(l -> l.split(" ")[4]).toList();
    assertEquals(expected, written);
  }

  @Test
  void should_keep_top_100_when_more_hits_given() {
    List<RankedHit> hits = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      hits.add(new RankedHit("d" + i, 1000 - i, null));
    }
    List<String> lines = TrecRunWriter.lines("q", hits, "t");
    assertEquals(100, lines.size());
    assertEquals("q Q0 d99 100 901.000000 t", lines.get(99));
  }

  @Test
  void should_reject_id_when_it_contains_whitespace() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrecRunWriter.lines("q", List.of(new RankedHit("a b", 1, null)), "t"));
    assertEquals("illegal document id for a TREC run: 'a b', must be non-empty without whitespace",
        e.getMessage());
  }

  @Test
  void should_reproduce_our_ranking_when_read_back_in_trec_eval_order() throws IOException {
    // ties written by the engine in order z, a, m: trec_eval would order a tie z, m, a
    List<RankedHit> hits = List.of(new RankedHit("z", 1, null), new RankedHit("a", 1, null),
        new RankedHit("m", 1, null), new RankedHit("b", 0.5, null));
    Path file = tmp.resolve("r.trec");
    TrecRunWriter.write(file, List.of(new SimpleImmutableEntry<>("q1", hits)), "t");
    assertEquals(Map.of("q1", List.of("z", "a", "m", "b")), TrecRunReader.read(file));
  }

  @Test
  void should_order_ties_by_doc_id_descending_when_reading_like_trec_eval() throws IOException {
    Path file = tmp.resolve("tie.trec");
    java.nio.file.Files.writeString(file, "q Q0 a 1 1.0 t\nq Q0 c 2 1.0 t\nq Q0 b 3 2.0 t\n"
        + "q Q0 a 4 0.5 t\n");
    // b (2.0) first; a and c tie: c before a (strcmp descending); the later a (0.5) is a duplicate
    assertEquals(Map.of("q", List.of("b", "c", "a")), TrecRunReader.read(file));
  }
}
