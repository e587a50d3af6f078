package io.quarry.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarry.core.search.SearchMode;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QueryVariantsTest {

  private static Map<String, String> variants(String q) {
    Map<String, String> out = new LinkedHashMap<>();
    QueryVariants.of(q, 10).forEach(v -> out.put(v.name(), v.text()));
    return out;
  }

  @Test
  void should_split_a_comparison_into_one_query_per_entity() {
    assertEquals(Map.of(
        "original", "Are Christopher Nolan and Sathish Kalathil both film directors?",
        "pair1", "Christopher Nolan film directors",
        "pair2", "Sathish Kalathil film directors",
        "entity1", "Christopher Nolan",
        "entity2", "Sathish Kalathil",
        "keywords", "Christopher Nolan Sathish Kalathil film directors"),
        variants("Are Christopher Nolan and Sathish Kalathil both film directors?"));
  }

  @Test
  void should_take_the_inner_clause_of_a_nested_question() {
    Map<String, String> v = variants("What is the name of the waterfall in the country where the Bubye River is found?");
    assertEquals("the Bubye River is found", v.get("clause1"));
    assertEquals("Bubye River", v.get("entity1"));
    assertEquals("name waterfall country Bubye River found", v.get("keywords"));
  }

  @Test
  void should_keep_names_joined_by_of_and_drop_possessives() {
    assertEquals(List.of("Haymo of Faversham"),
        Entities.find(Words.tokens("What language were books translated into during the era of Haymo of Faversham?")));
    assertEquals(List.of("Hello Love"), Entities.find(Words.tokens("where Hello Love's performer lived")));
    assertEquals(List.of("SIDS"), Entities.find(Words.tokens("sudden infant death syndrome (SIDS) deaths")));
  }

  @Test
  void should_return_only_the_original_for_a_plain_statement() {
    assertEquals(List.of(new QueryVariant("original", "aspirin dose")), QueryVariants.of("aspirin dose", 6));
  }

  @Test
  void should_respect_the_kinds_and_the_maximum() {
    List<QueryVariant> v = QueryVariants.of("Are Christopher Nolan and Sathish Kalathil both film directors?", 3,
        EnumSet.of(QueryVariants.Kind.ENTITY));
    assertEquals(List.of("original", "entity1", "entity2"), v.stream().map(QueryVariant::name).toList());
    assertEquals(EnumSet.of(QueryVariants.Kind.PAIR, QueryVariants.Kind.CLAUSE), QueryVariants.Kind.parseAll(" pair, clause,"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryVariants.Kind.parseAll("pairs"));
    assertEquals("illegal variant kind: 'pairs', must be among pair, clause, entity, keywords", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Are Christopher Nolan and Sathish Kalathil both film directors?|DEEP|compares 2 entities",
      "Which band was formed first The Exies or Circus Diablo ?|DEEP|compares 2 entities",
      "What is the name of the waterfall in the country where the Bubye River is found?|DEEP|nested clause",
      "What country was the author of Brand a citizen of?|DEEP|relation of a named entity",
      "If Gallu is a demon Lilu is what?|FAST|simple question",
      "0-dimensional biomaterials lack inductive properties.|FAST|not a question",
      "statins muscle pain|FAST|not a question",
      "Who wrote a song after attending a luau in the Koolauloa District on the island of Oahu?|DEEP|relation of a named entity",
      "Did the Koolauloa District host a luau for Honolulu County visitors last summer?|DEEP|long question naming 2 entities",
  })
  void should_route_by_the_shape_of_the_question(String query, SearchMode mode, String reason) {
    assertEquals(new RouteDecision(mode == SearchMode.DEEP, reason), Router.route(query));
  }

  @Test
  void should_ask_the_remaining_question_about_entities_the_first_hop_names() {
    List<QueryVariant> hops = BridgeEntities.queries("What country was the author of Brand a citizen of?", List.of(
        "Brand is a play by the Norwegian playwright Henrik Ibsen, first performed in Stockholm.",
        "Henrik Ibsen wrote Peer Gynt."), 2); // Henrik Ibsen is in both passages: first

    assertEquals(List.of(
        new QueryVariant("hop1", "country author citizen Henrik Ibsen"),
        new QueryVariant("hop2", "country author citizen Norwegian")), hops);
  }
}
