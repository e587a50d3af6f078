package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every freshness strategy driven through {@code POST /v1/search} on old and new documents about
 * the same thing, each shown to change the answer against {@code none}: a strategy no path calls
 * fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreshnessApiTest {

  /** Asked on 2024-06-20: the old reports match the query best, the new ones are recent. */
  static final String DOCS = """
      {"documents": [
        {"id": "old-budget", "title": "City transit budget plan approved", "text": "The city council approved the transit budget plan. The transit budget plan funds buses, trams and the new metro line; the budget plan was the largest transit budget in a decade.", "date": "2022-03-14"},
        {"id": "older-budget", "title": "Transit budget plan debated", "text": "Council members debated the transit budget plan for buses and trams. The budget plan for transit was delayed.", "date": "2021-09-02"},
        {"id": "undated-budget", "title": "Transit budget plan explained", "text": "How a transit budget plan works: the transit budget pays for buses, trams and metro lines.", "date": null},
        {"id": "recent-cuts", "title": "Transit cuts announced", "text": "The mayor announced cuts to the transit budget: two bus lines close in July.", "date": "2024-06-18"},
        {"id": "recent-fares", "title": "Metro fares rise", "text": "Metro fares rise next month to close a gap in the transit budget.", "date": "2024-06-12"},
        {"id": "last-month", "title": "Tram line opens", "text": "The new tram line opened on time and within its transit budget.", "date": "2024-05-26"},
        {"id": "future-budget", "title": "Transit budget plan for next year", "text": "The transit budget plan for next year adds buses and trams to the budget plan.", "date": "2024-07-02"}
      ]}""";

  static final String QUERY = "what is the latest on the transit budget plan";

  @TempDir static Path data;
  ApiTestSupport api;

  @BeforeAll
  void start() throws Exception {
    api = new ApiTestSupport(data, Map.of("freshness.min_hits", "1", "freshness.recent_weight", "3"));
    assertEquals(200, api.post("/v1/documents", DOCS).status());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private Reply search(String strategy) throws Exception {
    return search(strategy, QUERY);
  }

  private Reply search(String strategy, String query) throws Exception {
    Reply r = api.post("/v1/search", "{\"query\": \"" + query + "\", \"as_of\": \"2024-06-20\", \"mode\": \"fast\", \"k\": 10"
        + (strategy == null ? "" : ", \"freshness\": \"" + strategy + "\"") + "}");
    assertEquals(200, r.status(), () -> r.json().toString());
    return r;
  }

  static List<String> ids(Reply r) {
    List<String> out = new ArrayList<>();
    r.json().get("hits").forEach(h -> out.add(h.get("id").asText()));
    return out;
  }

  @Test
  void should_rank_by_relevance_alone_with_none_and_never_return_a_document_after_as_of() throws Exception {
    Reply r = search("none");
    List<String> ids = ids(r);
    assertEquals("old-budget", ids.get(0));
    assertFalse(ids.contains("future-budget"), ids::toString);
    assertTrue(ids.contains("undated-budget"), "undated documents stay in an all-time search");
    JsonNode f = r.json().get("freshness");
    assertEquals("none", f.get("strategy").asText());
    assertEquals("2024-06-20", f.get("as_of").asText());
    assertTrue(f.get("time_sensitive").asBoolean());
    assertEquals("latest", f.get("cue").asText());
  }

  @Test
  void should_search_only_the_recent_window_with_vector_date_filter() throws Exception {
    Reply r = search("vector_date_filter");
    // 14 days ending on 2024-06-20: the two recent reports only (no undated, no future document)
    assertEquals(List.of("recent-cuts", "recent-fares"), ids(r).stream().sorted().toList());
    assertEquals(14, r.json().get("freshness").get("window_days").asInt());
    assertNotEquals(ids(search("none")), ids(r));
  }

  @Test
  void should_widen_the_window_step_by_step_when_it_holds_too_few_hits() throws Exception {
    try (ApiTestSupport wide = new ApiTestSupport(data.resolve("wide"), Map.of("freshness.min_hits", "3"))) {
      wide.post("/v1/documents", DOCS);
      Reply r = wide.post("/v1/search", "{\"query\": \"" + QUERY + "\", \"as_of\": \"2024-06-20\", \"mode\": \"fast\", \"freshness\": \"vector_date_filter\"}");
      // 14 days hold 2 matching documents, 28 days hold 3 (the tram line of 2024-05-26)
      assertEquals(28, r.json().get("freshness").get("window_days").asInt());
      assertEquals(List.of("last-month", "recent-cuts", "recent-fares"), ids(r).stream().sorted().toList());
    }
  }

  @Test
  void should_widen_to_the_maximum_window_then_search_all_time() throws Exception {
    try (ApiTestSupport wide = new ApiTestSupport(data.resolve("all-time"),
        Map.of("freshness.min_hits", "10", "freshness.max_window_days", "60"))) {
      wide.post("/v1/documents", DOCS);
      // 14, 28, 56 and then 60 days hold fewer than 10 matches: all time is searched
      Reply all = wide.post("/v1/search", "{\"query\": \"" + QUERY + "\", \"as_of\": \"2024-06-20\", \"mode\": \"fast\", \"freshness\": \"vector_date_filter\"}");
      assertTrue(all.json().get("freshness").get("window_days") == null, all.json().get("freshness").toString());
      assertTrue(ids(all).containsAll(List.of("old-budget", "undated-budget")), ids(all)::toString);
      assertFalse(ids(all).contains("future-budget"), "as_of still holds in all time");
    }
  }

  @Test
  void should_fuse_a_recent_pass_with_the_all_time_pass_with_dual_pass() throws Exception {
    Reply r = search("dual_pass");
    List<String> ids = ids(r);
    List<String> none = ids(search("none"));
    // the recent pass found exactly the two reports of the last 14 days, and lifted them
    for (JsonNode h : r.json().get("hits")) {
      boolean recent = List.of("recent-cuts", "recent-fares").contains(h.get("id").asText());
      assertEquals(recent, h.get("legs").has("freshness"), h::toString);
    }
    // with the recent pass weighing 3 here, the best recent report comes first
    assertEquals("recent-cuts", ids.get(0), ids + " vs none " + none);
    assertTrue(none.indexOf("recent-cuts") > 0, none::toString);
    // the all-time pass still brings the old and undated reports
    assertTrue(ids.containsAll(List.of("old-budget", "undated-budget")), ids::toString);
    assertFalse(ids.contains("future-budget"));
    assertEquals(14, r.json().get("freshness").get("window_days").asInt());
  }

  @Test
  void should_decay_older_documents_and_rank_undated_ones_last_with_recency_decay() throws Exception {
    Reply r = search("recency_decay");
    List<String> ids = ids(r);
    assertEquals("recent-cuts", ids.get(0));
    assertEquals("undated-budget", ids.get(ids.size() - 1), ids::toString);
    assertTrue(ids.indexOf("old-budget") > ids.indexOf("last-month"), ids::toString);
    assertNotEquals(ids(search("none")), ids);
  }

  @Test
  void should_not_decay_a_query_that_is_not_time_sensitive() throws Exception {
    Reply r = api.post("/v1/search", "{\"query\": \"transit budget plan\", \"mode\": \"fast\", \"freshness\": \"recency_decay\"}");
    JsonNode f = r.json().get("freshness");
    assertFalse(f.get("time_sensitive").asBoolean());
    assertEquals("none", f.get("strategy").asText());
    assertEquals("old-budget", ids(r).get(0));
  }

  @Test
  void should_run_every_strategy_on_the_deep_path_too() throws Exception {
    String body = "{\"query\": \"" + QUERY + "\", \"as_of\": \"2024-06-20\", \"mode\": \"deep\", \"explain\": true, \"freshness\": ";
    Reply none = api.post("/v1/search", body + "\"none\"}");
    assertEquals("old-budget", ids(none).get(0));
    Reply window = api.post("/v1/search", body + "\"vector_date_filter\"}");
    assertEquals(List.of("recent-cuts", "recent-fares"), ids(window).stream().sorted().toList());
    Reply dual = api.post("/v1/search", body + "\"dual_pass\"}");
    // the freshness leg is a node of the deep executor, and its hits say so
    assertTrue(dual.json().get("explain").get("trace").toString().contains("\"freshness\""), dual.json().get("explain").toString());
    assertTrue(dual.json().get("hits").toString().contains("\"freshness\":{\"rank\":1"), dual.json().toString());
    assertNotEquals(ids(none), ids(dual));
    Reply decay = api.post("/v1/search", body + "\"recency_decay\"}");
    assertEquals("recent-cuts", ids(decay).get(0));
    for (Reply r : List.of(none, window, dual, decay)) {
      assertEquals("deep", r.json().get("mode").asText());
      assertFalse(ids(r).contains("future-budget"));
    }
  }

  @Test
  void should_route_a_time_sensitive_query_through_the_configured_strategy_in_auto_mode() throws Exception {
    Reply r = api.post("/v1/search", "{\"query\": \"" + QUERY + "\", \"as_of\": \"2024-06-20\"}");
    assertTrue(r.json().get("route").get("reason").asText().contains("time-sensitive"), r.json().get("route").toString());
    assertEquals("vector_date_filter", r.json().get("freshness").get("strategy").asText());
    Reply plain = api.post("/v1/search", "{\"query\": \"transit budget plan\"}");
    assertEquals("none", plain.json().get("freshness").get("strategy").asText());
    assertFalse(plain.json().get("route").get("reason").asText().contains("time-sensitive"));
  }

  @Test
  void should_default_as_of_to_today_and_never_return_what_is_dated_later() throws Exception {
    api.post("/v1/documents", "{\"documents\": [{\"id\": \"far-future\", \"title\": \"Transit budget plan 2999\", \"text\": \"The transit budget plan of 2999.\", \"date\": \"2999-01-01\"}]}");
    try {
      Reply r = api.post("/v1/search", "{\"query\": \"transit budget plan 2999\", \"mode\": \"fast\"}");
      assertFalse(ids(r).contains("far-future"), ids(r)::toString);
      assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), r.json().get("freshness").get("as_of").asText());
      Reply deep = api.post("/v1/search", "{\"query\": \"transit budget plan 2999\", \"mode\": \"deep\"}");
      assertFalse(ids(deep).contains("far-future"));
    } finally {
      api.send("DELETE", "/v1/documents/far-future", null);
    }
  }

  @Test
  void should_read_a_time_expression_filter_by_it_and_search_the_rest_of_the_text() throws Exception {
    Reply r = api.post("/v1/search", "{\"query\": \"transit budget news in May 2024\", \"as_of\": \"2024-06-20\", \"mode\": \"fast\", \"freshness\": \"none\"}");
    assertEquals("{\"since\":\"2024-05-01\",\"until\":\"2024-05-31\"}", r.json().get("time_range").toString());
    assertEquals(List.of("last-month"), ids(r));
    assertEquals("transit budget news", r.json().get("freshness").get("query").asText());
    // switched off per request: the words are searched as they are, no range
    Reply off = api.post("/v1/search", "{\"query\": \"transit budget news in May 2024\", \"as_of\": \"2024-06-20\", \"mode\": \"fast\", \"time_expressions\": false}");
    assertTrue(off.json().get("time_range") == null || off.json().get("time_range").isNull());
    assertTrue(ids(off).size() > 1);
  }

  @Test
  void should_leave_undated_documents_out_of_time_sensitive_searches_when_configured() throws Exception {
    try (ApiTestSupport strict = new ApiTestSupport(data.resolve("strict"), Map.of("freshness.undated", "exclude", "freshness.strategy", "none"))) {
      strict.post("/v1/documents", DOCS);
      Reply r = strict.post("/v1/search", "{\"query\": \"" + QUERY + "\", \"as_of\": \"2024-06-20\", \"mode\": \"fast\"}");
      assertFalse(ids(r).contains("undated-budget"), ids(r)::toString);
      Reply plain = strict.post("/v1/search", "{\"query\": \"transit budget plan\", \"mode\": \"fast\"}");
      assertTrue(ids(plain).contains("undated-budget"), "a query that is not time-sensitive keeps them");
    }
  }

  @Test
  void should_not_let_a_date_in_the_text_empty_an_undated_corpus() throws Exception {
    try (ApiTestSupport undated = new ApiTestSupport(data.resolve("undated"), Map.of())) {
      undated.post("/v1/documents", "{\"documents\": [{\"id\": \"trial\", \"title\": \"Aspirin trial\", \"text\": \"A new aspirin trial was published in 2010.\"}]}");
      Reply r = undated.post("/v1/search", "{\"query\": \"new aspirin trial in 2010\", \"mode\": \"fast\"}");
      assertEquals(List.of("trial"), ids(r));
      JsonNode f = r.json().get("freshness");
      assertEquals("none", f.get("strategy").asText());
      assertTrue(f.get("reason").asText().contains("no document in the index is dated"), f.toString());
      assertEquals("new aspirin trial in 2010", f.get("query").asText(), "the date stays as words to match");
      assertTrue(r.json().get("time_range") == null || r.json().get("time_range").isNull());
    }
  }

  @Test
  void should_reject_an_unknown_strategy_naming_the_field() throws Exception {
    Reply r = api.post("/v1/search", "{\"query\": \"x\", \"freshness\": \"newest_first\"}");
    assertEquals(400, r.status());
    assertTrue(r.json().get("detail").asText().contains("'freshness'"), r.json().toString());
    assertTrue(r.json().get("detail").asText().contains("dual_pass"), r.json().toString());
  }
}
