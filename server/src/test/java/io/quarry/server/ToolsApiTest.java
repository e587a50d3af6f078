package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** {@code /v1/tools}: the definitions, and search and fetch called as a model would call them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolsApiTest {

  @TempDir static Path data;

  ApiTestSupport api;

  static final String LONG_TEXT = "Chapter one. " + "The quick brown fox jumps over the lazy dog. ".repeat(80)
      + "\"Quoted\" lines\nand tabs\tend it.";

  @BeforeAll
  void start() throws Exception {
    api = new ApiTestSupport(data, Map.of());
    assertEquals(200, api.post("/v1/documents", ApiTest.DOCS).status());
    String longDoc = ApiTestSupport.JSON.writeValueAsString(Map.of("documents", List.of(Map.of(
        "id", "long-read", "title", "A long read about foxes", "text", LONG_TEXT, "source", "books"))));
    assertEquals(200, api.post("/v1/documents", longDoc).status());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  /** Calls a tool; returns the whole reply after checking it is a 200. */
  private JsonNode call(String body) throws Exception {
    Reply r = api.post("/v1/tools/call", body);
    assertEquals(200, r.status(), String.valueOf(r.json()));
    return r.json();
  }

  private JsonNode content(JsonNode reply) throws Exception {
    assertFalse(reply.get("is_error").asBoolean(), reply.toString());
    return ApiTestSupport.JSON.readTree(reply.get("content").asText());
  }

  @Test
  void should_list_search_and_fetch_in_the_function_calling_format() throws Exception {
    Reply r = api.get("/v1/tools");
    assertEquals(200, r.status());
    JsonNode tools = r.json().get("tools");
    assertEquals(2, tools.size());
    List<String> names = new ArrayList<>();
    for (JsonNode t : tools) {
      assertEquals("function", t.get("type").asText());
      JsonNode fn = t.get("function");
      names.add(fn.get("name").asText());
      assertTrue(fn.get("description").asText().length() > 40, "a model needs to know when to call it");
      assertEquals("object", fn.get("parameters").get("type").asText());
    }
    assertEquals(List.of("search", "fetch_document"), names);
    JsonNode search = tools.get(0).get("function").get("parameters");
    assertEquals("query", search.get("required").get(0).asText());
    for (String p : List.of("k", "mode", "sources", "facets", "since", "until", "as_of", "explain", "max_chars")) {
      assertNotNull(search.get("properties").get(p), p);
    }
    assertEquals("id", tools.get(1).get("function").get("parameters").get("required").get(0).asText());
  }

  @Test
  void should_return_compact_hits_with_dates_sources_and_scores() throws Exception {
    JsonNode out = content(call("{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin side effects\", \"k\": 3}}"));
    JsonNode hits = out.get("hits");
    assertEquals(3, hits.size());
    JsonNode top = hits.get(0);
    assertTrue(top.get("id").asText().startsWith("aspirin"), out.toString());
    assertTrue(top.get("date").asText().matches("\\d{4}-\\d{2}-\\d{2}"), top.toString());
    assertTrue(top.has("source") && top.has("title") && top.get("score").isNumber(), top.toString());
    assertTrue(top.get("passage").asText().contains("spirin"), top.toString());
    assertNull(top.get("legs"), "compact unless explain");
    assertNull(out.get("route"));
    assertNull(out.get("truncated"));
  }

  @Test
  void should_explain_with_leg_ranks_route_and_timings() throws Exception {
    JsonNode out = content(call("{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin\", \"explain\": true}}"));
    JsonNode top = out.get("hits").get(0);
    assertTrue(top.get("legs").has("bm25"), top.toString());
    assertTrue(top.get("legs").get("bm25").get("rank").asInt() >= 1);
    assertNotNull(out.get("route"), out.toString());
    assertTrue(out.get("timings_ms").size() > 0, out.toString());
  }

  @Test
  void should_take_arguments_as_a_json_string_and_an_openai_tool_call_as_it_is() throws Exception {
    JsonNode asString = call("{\"name\": \"search\", \"arguments\": \"{\\\"query\\\": \\\"vitamin D bones\\\", \\\"k\\\": 1}\"}");
    assertEquals("vitamin-d", content(asString).get("hits").get(0).get("id").asText());
    JsonNode toolCall = call("{\"id\": \"call_7\", \"type\": \"function\", \"function\": {\"name\": \"search\","
        + " \"arguments\": \"{\\\"query\\\": \\\"Mars rover\\\", \\\"k\\\": 1}\"}}");
    assertEquals("call_7", toolCall.get("tool_call_id").asText());
    assertEquals("search", toolCall.get("name").asText());
    assertEquals("mars-rover", content(toolCall).get("hits").get(0).get("id").asText());
  }

  @Test
  void should_apply_source_facet_and_date_filters() throws Exception {
    JsonNode news = content(call("{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin\", \"sources\": [\"news\"]}}"));
    assertTrue(news.get("hits").size() > 0);
    news.get("hits").forEach(h -> assertEquals("news", h.get("source").asText(), h.toString()));
    JsonNode facet = content(call("{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin\","
        + " \"facets\": {\"lang\": [\"de\"]}}}"));
    assertEquals(1, facet.get("hits").size(), facet.toString());
    assertEquals("aspirin-children", facet.get("hits").get(0).get("id").asText());
    JsonNode since = content(call("{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin heart cholesterol\","
        + " \"since\": \"2022-01-01\", \"k\": 10}}"));
    since.get("hits").forEach(h -> assertTrue(h.get("date").asText().compareTo("2022-01-01") >= 0, h.toString()));
    JsonNode asOf = content(call("{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin\", \"as_of\": \"2022-01-01\","
        + " \"k\": 10}}"));
    // as of a day, later documents are left out and undated ones pass
    assertTrue(asOf.get("hits").size() > 0);
    asOf.get("hits").forEach(h -> assertTrue(!h.has("date") || h.get("date").asText().compareTo("2022-01-02") < 0,
        h.toString()));
  }

  @Test
  void should_cap_the_result_by_shortening_passages_not_dropping_hits() throws Exception {
    JsonNode whole = content(call("{\"name\": \"search\", \"arguments\": {\"query\": \"fox aspirin\", \"k\": 7}}"));
    int n = whole.get("hits").size();
    assertEquals(7, n);
    JsonNode reply = call("{\"name\": \"search\", \"arguments\": {\"query\": \"fox aspirin\", \"k\": 7, \"max_chars\": 1200}}");
    String text = reply.get("content").asText();
    assertTrue(text.length() <= 1200, text.length() + ": " + text);
    JsonNode capped = content(reply);
    assertEquals(n, capped.get("hits").size(), "every hit kept");
    assertTrue(capped.get("truncated").asBoolean());
    boolean someCut = false;
    for (int i = 0; i < n; i++) {
      assertEquals(whole.get("hits").get(i).get("id"), capped.get("hits").get(i).get("id"));
      someCut |= capped.get("hits").get(i).get("passage").asText().endsWith("…");
    }
    assertTrue(someCut, capped.toString());
  }

  @Test
  void should_fetch_a_document_and_page_through_a_long_text() throws Exception {
    JsonNode doc = content(call("{\"name\": \"fetch_document\", \"arguments\": {\"id\": \"aspirin-heart\"}}"));
    assertEquals("Aspirin and heart attacks", doc.get("title").asText());
    assertEquals("2021-03-01", doc.get("date").asText());
    assertEquals("https://example.org/a", doc.get("url").asText());
    assertTrue(doc.get("text").asText().startsWith("Daily low-dose aspirin"));
    assertNull(doc.get("next_offset"));

    StringBuilder read = new StringBuilder();
    Integer offset = 0;
    int parts = 0;
    while (offset != null) {
      JsonNode reply = call("{\"name\": \"fetch_document\", \"arguments\": {\"id\": \"long-read\", \"offset\": " + offset
          + ", \"max_chars\": 1000}}");
      assertTrue(reply.get("content").asText().length() <= 1000);
      JsonNode part = content(reply);
      assertEquals(LONG_TEXT.length(), part.get("length").asInt());
      read.append(part.get("text").asText());
      offset = part.has("next_offset") ? part.get("next_offset").asInt() : null;
      parts++;
    }
    assertEquals(LONG_TEXT, read.toString());
    assertTrue(parts >= 4, "parts: " + parts);
  }

  @Test
  void should_tell_the_model_what_it_got_wrong() throws Exception {
    JsonNode badK = call("{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin\", \"k\": 0}}");
    assertTrue(badK.get("is_error").asBoolean());
    assertTrue(badK.get("content").asText().contains("argument 'k'"), badK.toString());
    JsonNode badDate = call("{\"name\": \"search\", \"arguments\": {\"query\": \"aspirin\", \"since\": \"last May\"}}");
    assertTrue(badDate.get("content").asText().contains("argument 'since'"), badDate.toString());
    JsonNode noQuery = call("{\"name\": \"search\", \"arguments\": {}}");
    assertTrue(noQuery.get("content").asText().contains("argument 'query' is required"), noQuery.toString());
    JsonNode unknownArg = call("{\"name\": \"search\", \"arguments\": {\"query\": \"x\", \"limit\": 3}}");
    assertTrue(unknownArg.get("content").asText().contains("unknown argument 'limit'"), unknownArg.toString());
    JsonNode noDoc = call("{\"name\": \"fetch_document\", \"arguments\": {\"id\": \"nope\"}}");
    assertTrue(noDoc.get("is_error").asBoolean());
    assertTrue(noDoc.get("content").asText().contains("no document with id 'nope'"), noDoc.toString());
  }

  @Test
  void should_refuse_a_malformed_call_with_a_400_naming_the_field() throws Exception {
    Reply unknown = api.post("/v1/tools/call", "{\"name\": \"delete_everything\", \"arguments\": {}}");
    assertEquals(400, unknown.status());
    assertTrue(unknown.json().get("detail").asText().contains("field 'name'"), unknown.json().toString());
    Reply notJson = api.post("/v1/tools/call", "{\"name\": \"search\", \"arguments\": \"{query: \"}");
    assertEquals(400, notJson.status());
    assertTrue(notJson.json().get("detail").asText().contains("field 'arguments'"), notJson.json().toString());
    Reply list = api.post("/v1/tools/call", "[1, 2]");
    assertEquals(400, list.status());
  }
}
