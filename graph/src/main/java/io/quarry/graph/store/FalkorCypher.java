package io.quarry.graph.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Query parameters for JFalkorDB, written as Cypher literals by us rather than by the client.
 *
 * <p>JFalkorDB 0.7.0 does not bind parameters: it writes them into a {@code CYPHER k=v ...}
 * header in front of the query text, and its own rendering escapes {@code "} but not {@code \}
 * (which FalkorDB's parser reads as an escape, so {@code a\"} would end the string early) and
 * writes a {@link Map} with {@code toString()} ({@code {k=v}}, not Cypher). Any other object it
 * writes with {@code toString()}, so each value here is a {@link Literal} whose text is the
 * Cypher literal: strings quoted with {@code \\} and {@code \"} escaped, maps and lists
 * recursively, numbers in {@link Locale#ROOT}. That closes the injection the client's rendering
 * would leave open, since parameters are query text.
 */
final class FalkorCypher {

  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private FalkorCypher() {}

  /** A value already written as Cypher. */
  record Literal(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** Parameters from alternating names and values: {@code params("doc", id, "keys", keys)}. */
  static Map<String, Object> params(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("illegal params: odd count " + namesAndValues.length);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      out.put(checkKey(name), new Literal(literal(namesAndValues[i + 1])));
    }
    return out;
  }

  /** {@code value} as a Cypher literal. */
  static String literal(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof CharSequence s) {
      quote(sb, s);
    } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte) {
      sb.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("illegal parameter: " + d + ", must be finite");
      }
      sb.append(String.format(Locale.ROOT, "%s", d));
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(checkKey(String.valueOf(e.getKey()))).append(": ");
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        write(sb, o);
      }
      sb.append(']');
    } else if (v instanceof Literal l) {
      sb.append(l.text());
    } else {
      // dates, instants: their ISO text
      quote(sb, v.toString());
    }
  }

  private static void quote(StringBuilder sb, CharSequence s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        // other control characters (a NUL would end the query for FalkorDB's C parser): a space
        default -> sb.append(c < 0x20 ? ' ' : c);
      }
    }
    sb.append('"');
  }

  private static String checkKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("illegal parameter name: '" + key + "'");
    }
    return key;
  }
}
