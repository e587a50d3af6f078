package io.quarry.server.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void should_give_a_short_text_all_it_needs_and_the_rest_to_the_long_ones() {
    assertArrayEquals(new int[] {10, 45, 45}, Budget.share(new int[] {10, 500, 900}, 100));
    assertArrayEquals(new int[] {0, 0}, Budget.share(new int[] {5, 5}, 0));
    assertArrayEquals(new int[] {5, 5}, Budget.share(new int[] {5, 5}, 1000));
  }

  @Test
  void should_never_split_a_surrogate_pair() {
    String s = "ab\uD83D\uDE00cd"; // an emoji at 2..3
    assertEquals("ab…", Budget.cut(s, 4), "cutting after the high surrogate would leave half a character");
    assertEquals(s, Budget.cut(s, 6));
  }

  @Test
  void should_fit_texts_that_escaping_makes_longer() throws Exception {
    List<Map<String, Object>> items = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      items.add(new LinkedHashMap<>(Map.of("id", "d" + i)));
      texts.add("\"quoted\"\n\ttabbed \u0001 ".repeat(50 + i * 30));
    }
    String out = Budget.fit(mapper, new Budget.Result(Map.of("query", "q"), items, "passage", texts, Map.of()), 2000);
    assertTrue(out.length() <= 2000, out.length() + "");
    JsonNode json = mapper.readTree(out);
    assertEquals(8, json.get("hits").size());
    assertTrue(json.get("truncated").asBoolean());
    json.get("hits").forEach(h -> assertTrue(h.get("passage").asText().length() > 20, h.toString()));
  }
}
