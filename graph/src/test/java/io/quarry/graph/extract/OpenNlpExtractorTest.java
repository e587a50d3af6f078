package io.quarry.graph.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.document.Chunker;
import io.quarry.core.document.ChunkerConfig;
import io.quarry.core.document.Document;
import io.quarry.core.document.PublishDate;
import io.quarry.graph.model.EntityKeys;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Fact;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The default extractor on real English, with the real OpenNLP models from the classpath. */
class OpenNlpExtractorTest {

  private static final OpenNlpExtractor EXTRACTOR = OpenNlpExtractor.english();

  private static Extraction extract(Document d, TitleDictionary titles) {
    return EXTRACTOR.extract(d, "hash", new Chunker(ChunkerConfig.DEFAULT).split(d.text()), titles);
  }

  private static Map<String, String> types(PassageFacts p) {
    return p.mentions().stream().collect(Collectors.toMap(Mention::key, Mention::type));
  }

  @Test
  void should_find_the_title_proper_and_noun_phrases_of_a_wikipedia_passage() {
    Document d = new Document("jmp", "Journal of Mathematical Physics",
        "The Journal of Mathematical Physics is a peer-reviewed journal published monthly by the American"
            + " Institute of Physics. The current editor is Jan Philip Solovej from University of Copenhagen.",
        null, PublishDate.parse("2018-06-01"), null, Map.of());
    Extraction x = extract(d, new TitleDictionary());
    assertEquals("opennlp", x.extractor());
    assertEquals(java.time.LocalDate.of(2018, 6, 1), x.date());
    Map<String, String> t = types(x.passages().get(0));
    assertEquals(Mention.TITLE, t.get("journal of mathematical physics"));
    assertEquals(Mention.PROPER, t.get("american institute of physics"));
    assertEquals(Mention.PROPER, t.get("jan philip solovej"));
    assertEquals(Mention.PROPER, t.get("university of copenhagen"));
    assertEquals(Mention.NOUN, t.get("current editor"));
    // names in one sentence are related; names in different sentences are not
    List<Fact> facts = x.passages().get(0).facts();
    assertTrue(facts.contains(new Fact("jan philip solovej", "university of copenhagen", Fact.CO_OCCURS)), facts.toString());
    assertTrue(facts.stream().noneMatch(f -> f.source().equals("american institute of physics")
        && f.target().equals("jan philip solovej")), facts.toString());
  }

  @Test
  void should_link_a_passage_to_another_documents_title_the_grammar_would_not_cut_out() {
    TitleDictionary titles = new TitleDictionary();
    titles.add("Hello Love");
    Document d = Document.of("song", "Some album", "Its best known song is Hello Love, recorded in Nashville.");
    Map<String, String> t = types(extract(d, titles).passages().get(0));
    assertEquals(Mention.TITLE, t.get("hello love"), t.toString());
  }

  @Test
  void should_key_names_that_differ_in_case_accents_articles_and_possessives_alike() {
    assertEquals("beatles", EntityKeys.of("The Beatles"));
    assertEquals("beatles", EntityKeys.of("Beatles'"));
    assertEquals("hello love", EntityKeys.of("Hello Love's"));
    assertEquals("hello love", EntityKeys.of("Hello Love 's"));
    assertEquals("us", EntityKeys.of("U.S."));
    assertEquals("zurich", EntityKeys.of("Zürich"));
    assertEquals("", EntityKeys.of("--"));
  }
}
