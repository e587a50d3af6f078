package io.quarry.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QrelsTest {

  @Test
  void should_read_graded_judgments_when_file_is_beir_tsv() throws IOException {
    Qrels qrels = parse("query-id\tcorpus-id\tscore\r\nq1\td1\t2\r\nq1\td2\t0\n\nq2\td3\t1\nq3\td4\t0\n");
    assertEquals(List.of("q1", "q2", "q3"), List.copyOf(qrels.queryIds()));
    assertEquals(Map.of("d1", 2, "d2", 0), qrels.grades("q1"));
    assertEquals(1, qrels.relevantCount("q1"));
    assertTrue(qrels.hasRelevant("q2"));
    assertFalse(qrels.hasRelevant("q3"));
    assertFalse(qrels.hasRelevant("unknown"));
    assertEquals(Map.of(), qrels.grades("unknown"));
    assertEquals(4, qrels.judgmentCount());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("q\td\t1\n", "test: line 1: expected header 'query-id<TAB>corpus-id<TAB>score', found 'q\td\t1'"),
        Arguments.of("query-id\tcorpus-id\tscore\nq1 d1 1\n",
            "test: line 2: expected 3 tab-separated columns query-id, corpus-id, score; found 'q1 d1 1'"),
        Arguments.of("query-id\tcorpus-id\tscore\nq1\td1\tx\n",
            "test: line 2: illegal score 'x', must be an integer >= 0"),
        Arguments.of("query-id\tcorpus-id\tscore\nq1\td1\t-1\n",
            "test: line 2: illegal score -1, must be an integer >= 0"),
        Arguments.of("query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td1\t2\n",
            "test: line 3: duplicate judgment for query 'q1' and document 'd1'"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void should_fail_naming_line_when_input_is_malformed(String text, String message) {
    assertEquals(message, assertThrows(IOException.class, () -> parse(text)).getMessage());
  }

  private static Qrels parse(String text) throws IOException {
    return Qrels.parse(new StringReader(text), "test");
  }
}
