package io.quarry.server.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Fits a tool result into {@code max_chars}. LLM clients cut a tool result at about 25k tokens,
 * and a cut in the middle of JSON loses every hit after it; so every item is kept, and their
 * texts are shortened alike (a short text gives its unused share to the others) until the
 * serialised result fits. Shortened texts end with {@value #ELLIPSIS}, and the result says {@code
 * "truncated": true}.
 */
final class Budget {

  static final int DEFAULT_CHARS = 16_000;
  static final int MIN_CHARS = 500;
  static final int MAX_CHARS = 200_000;
  static final String ELLIPSIS = "…";

  private Budget() {}

  /**
   * A result before fitting: {@code head} fields, then {@code items} (each gets its text under
   * {@code textKey}) under {@code hits}, then {@code tail} fields.
   */
  record Result(Map<String, Object> head, List<Map<String, Object>> items, String textKey, List<String> texts,
      Map<String, Object> tail) {}

  static String fit(ObjectMapper mapper, Result r, int maxChars) {
    int[] full = r.texts().stream().mapToInt(String::length).toArray();
    String whole = render(mapper, r, full, false);
    if (whole.length() <= maxChars) {
      return whole;
    }
    int base = render(mapper, r, new int[full.length], true).length();
    return shrinkToFit(Math.max(0, maxChars - base), maxChars, room -> render(mapper, r, share(full, room), true));
  }

  /**
   * {@code render} with {@code room} characters of text, then with less while the result is longer
   * than {@code maxChars}: escaping (quotes, newlines, non-ASCII in \\u form) can make a text
   * longer once written, so a few rounds shrink the room by the overflow.
   */
  static String shrinkToFit(int room, int maxChars, IntFunction<String> render) {
    String out = render.apply(room);
    for (int round = 0; round < 8 && out.length() > maxChars && room > 0; round++) {
      room = Math.max(0, room - (out.length() - maxChars) - 8);
      out = render.apply(room);
    }
    return out;
  }

  /** {@code fields} as compact JSON: a missing value (a document without a date) is left out, not null. */
  static String json(ObjectMapper mapper, Map<String, Object> fields) {
    Map<String, Object> out = new LinkedHashMap<>(fields);
    out.values().removeIf(Objects::isNull);
    try {
      return mapper.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code end}, or one before it where cutting there would split a surrogate pair. */
  static int safeEnd(String text, int end) {
    return end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
  }

  /** Water-filling: each text gets an equal share of {@code room}, a shorter one leaves the rest. */
  static int[] share(int[] lengths, int room) {
    int n = lengths.length;
    int[] out = new int[n];
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Integer.compare(lengths[a], lengths[b]));
    int left = room;
    for (int i = 0; i < n; i++) {
      int fair = left / (n - i);
      int take = Math.min(lengths[order[i]], fair);
      out[order[i]] = take;
      left -= take;
    }
    return out;
  }

  private static String render(ObjectMapper mapper, Result r, int[] lengths, boolean truncated) {
    Map<String, Object> out = new LinkedHashMap<>(r.head());
    if (truncated) {
      out.put("truncated", true);
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < r.items().size(); i++) {
      Map<String, Object> item = new LinkedHashMap<>(r.items().get(i));
      item.put(r.textKey(), cut(r.texts().get(i), lengths[i]));
      item.values().removeIf(Objects::isNull);
      items.add(item);
    }
    out.put("hits", items);
    out.putAll(r.tail());
    return json(mapper, out);
  }

  /** The first {@code length} characters, the last of them an ellipsis when some were cut. */
  static String cut(String text, int length) {
    if (text.length() <= length) {
      return text;
    }
    if (length <= ELLIPSIS.length()) {
      return "";
    }
    return text.substring(0, safeEnd(text, length - ELLIPSIS.length())) + ELLIPSIS;
  }
}
