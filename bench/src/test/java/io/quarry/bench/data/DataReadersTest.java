package io.quarry.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.Fixtures;
import io.quarry.core.document.Document;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReadersTest {

  @TempDir
  Path tmp;

  @Test
  void should_resolve_set_paths_against_suite_dir_when_reading_suite() throws IOException {
    Path file = Fixtures.suite();
    Suite suite = Suite.read(file);
    assertEquals("fixture", suite.name());
    assertEquals(file.getParent().resolve("facts/docs.jsonl"), suite.sets().get(0).corpus());
    assertEquals(List.of("news"), suite.select(List.of("news")).stream().map(SuiteSet::name)
        .toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> suite.select(List.of("nope")));
    assertEquals("unknown set: 'nope', the suite has facts, news", e.getMessage());
  }

  @Test
  void should_stream_documents_and_count_skips_when_corpus_is_gzipped() throws IOException {
    Path plain = Fixtures.suite().getParent().resolve("news/docs.jsonl");
    Path gz = tmp.resolve("corpus.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
      out.write("{\"_id\": \"n6\", \"title\": \" \", \"text\": null}\n".getBytes());
    }
    List<Document> docs = new ArrayList<>();
    CorpusStats stats = new Corpus(gz).forEach(docs::add);

    assertEquals(new CorpusStats(5, 1, 1), stats);
    assertEquals("2023-06-10", docs.get(0).date().toString());
    assertEquals("2023-01-01", docs.get(1).date().toString()); // publish_date fallback
    assertNull(docs.get(3).date()); // both null
    assertEquals("2023-06-14", docs.get(4).date().toString()); // date "" -> publish_date
    assertNull(docs.get(2).url()); // other fields ignored
    assertEquals("News from after the question.", docs.get(2).text());
  }

  @Test
  void should_fail_naming_line_when_corpus_record_is_bad() throws IOException {
    Path bad = tmp.resolve("bad.jsonl");
    Files.writeString(bad, "{\"_id\": \"a\", \"text\": \"x\"}\n{\"_id\": \"b\", \"text\": \"y\","
        + " \"date\": \"16/06/2023\"}\n");
    IOException e = assertThrows(IOException.class, () -> new Corpus(bad).forEach(d -> { }));
    assertEquals(bad + ": line 2: illegal date: '16/06/2023', must be YYYY-MM-DD or an ISO-8601"
        + " date-time such as 2023-06-16T14:03:00Z", e.getMessage());
  }

  @Test
  void should_keep_as_of_and_question_date_apart_when_reading_queries() throws IOException {
    List<BenchQuery> qs = Queries.read(Fixtures.suite().getParent().resolve("news/questions.jsonl"));
    assertEquals(3, qs.size());
    BenchQuery temporal = qs.get(1);
    assertEquals("temporal", temporal.category());
    assertNull(temporal.asOf());
    assertEquals(LocalDate.parse("2023-06-15"), temporal.questionDate());
    assertEquals(LocalDate.parse("2023-06-15"), temporal.referenceDate());
  }

  @Test
  void should_default_category_and_reject_duplicates_when_reading_queries() throws IOException {
    Path file = tmp.resolve("q.jsonl");
    Files.writeString(file, "{\"_id\": 7, \"text\": \"x\"}\n");
    assertEquals(BenchQuery.UNCATEGORIZED, Queries.read(file).get(0).category());
    assertEquals("7", Queries.read(file).get(0).id());
    Files.writeString(file, "{\"_id\": \"a\", \"text\": \"x\"}\n{\"_id\": \"a\", \"text\": \"y\"}\n");
    IOException e = assertThrows(IOException.class, () -> Queries.read(file));
    assertEquals(file + ": line 2: duplicate query id 'a'", e.getMessage());
  }

  @Test
  void should_find_stale_answers_when_file_is_beside_qrels() throws IOException {
    Path qrels = Fixtures.suite().getParent().resolve("news/qrels.tsv");
    assertEquals(Map.of("w1", Set.of("n2"), "w2", Set.of("n2")),
        StaleAnswers.besideQrels(qrels).orElseThrow());
    assertTrue(StaleAnswers.besideQrels(Fixtures.suite().getParent().resolve("facts/qrels.tsv"))
        .isEmpty());
  }
}
