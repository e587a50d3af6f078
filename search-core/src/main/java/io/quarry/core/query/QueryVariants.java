package io.quarry.core.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rewrites a question into variants that deep search runs as extra legs, cheaply and without a
 * model:
 *
 * <ul>
 *   <li>{@code keywords}: the topic words only (no question words, auxiliaries or stop words);
 *   <li>{@code entityN}: each named entity (a run of capitalised words, possibly joined by "of",
 *       "de", ...) on its own, when the question names one or more: the first hop of a multi-hop
 *       question is usually the page of an entity it names;
 *   <li>{@code pairN}: for a comparison of two or more entities ("Are X and Y both ...", "Which is
 *       older, X or Y?"), the question's keywords with only one of the entities, so each entity's
 *       own passage can be found;
 *   <li>{@code clauseN}: the inner clause of a nested question ("... the country where the Bubye
 *       River is found"), which names the first hop.
 * </ul>
 *
 * <p>The original text always comes first. Duplicates (after lower-casing) are dropped and at most
 * {@code max} variants are returned in all. Pure and thread-safe; cost is linear in the query.
 */
public final class QueryVariants {

  private static final Pattern CLAUSE = Pattern.compile(
      "\\s(?:where|which|whose|who|that|in which|of which|whom)\\s", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMPARISON = Pattern.compile(
      "\\b(both|either|or|same|first|older|oldest|younger|larger|bigger|longer|more|less|compare|between)\\b",
      Pattern.CASE_INSENSITIVE);

  /** The kinds of rewrite, each switchable by configuration. */
  public enum Kind {
    PAIR, CLAUSE, ENTITY, KEYWORDS;

    /** Parses a comma-separated list such as {@code pair,clause}; empty means none. */
    public static Set<Kind> parseAll(String csv) {
      Set<Kind> out = java.util.EnumSet.noneOf(Kind.class);
      for (String part : csv.split(",")) {
        String p = part.strip();
        if (p.isEmpty()) {
          continue;
        }
        try {
          out.add(valueOf(p.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("illegal variant kind: '" + p + "', must be among pair, clause, entity, keywords");
        }
      }
      return out;
    }
  }

  private QueryVariants() {}

  /** The original plus up to {@code max - 1} rewrites of every kind. */
  public static List<QueryVariant> of(String query, int max) {
    return of(query, max, java.util.EnumSet.allOf(Kind.class));
  }

  /** The original plus up to {@code max - 1} rewrites of the given kinds. */
  public static List<QueryVariant> of(String query, int max, Set<Kind> kinds) {
    if (max < 1) {
      throw new IllegalArgumentException("illegal max: " + max + ", must be >= 1");
    }
    List<QueryVariant> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    add(out, seen, max, QueryVariant.ORIGINAL, query.strip());
    List<String> tokens = Words.tokens(query);
    List<String> entities = Entities.find(tokens);
    String keywords = keywords(tokens, Set.of());
    if (kinds.contains(Kind.PAIR) && entities.size() >= 2 && COMPARISON.matcher(query).find()) {
      for (int i = 0; i < entities.size(); i++) {
        Set<String> others = new LinkedHashSet<>(entities);
        others.remove(entities.get(i));
        add(out, seen, max, "pair" + (i + 1), keywords(tokens, words(others)));
      }
    }
    if (kinds.contains(Kind.CLAUSE)) {
      List<String> cs = clauses(query);
      for (int i = 0; i < cs.size(); i++) {
        add(out, seen, max, "clause" + (i + 1), cs.get(i));
      }
    }
    if (kinds.contains(Kind.ENTITY)) {
      for (int i = 0; i < entities.size(); i++) {
        add(out, seen, max, "entity" + (i + 1), entities.get(i));
      }
    }
    if (kinds.contains(Kind.KEYWORDS)) {
      add(out, seen, max, "keywords", keywords);
    }
    return out;
  }

  private static void add(List<QueryVariant> out, Set<String> seen, int max, String name, String text) {
    if (out.size() >= max || text == null) {
      return;
    }
    String t = text.strip();
    String key = t.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    if (key.isEmpty() || !seen.add(key)) {
      return;
    }
    out.add(new QueryVariant(name, t));
  }

  /** The topic words in order, leaving out those in {@code exclude}; null when fewer than two. */
  public static String keywords(List<String> tokens, Set<String> exclude) {
    List<String> kept = new ArrayList<>();
    for (String t : tokens) {
      if (!Words.isStop(t) && !exclude.contains(t.toLowerCase(Locale.ROOT))) {
        kept.add(t);
      }
    }
    return kept.size() < 2 ? null : String.join(" ", kept);
  }

  private static Set<String> words(Set<String> phrases) {
    Set<String> out = new LinkedHashSet<>();
    phrases.forEach(p -> Words.tokens(p).forEach(w -> out.add(w.toLowerCase(Locale.ROOT))));
    return out;
  }

  /** The clause after each relative marker, when it has at least two topic words. */
  static List<String> clauses(String query) {
    List<String> out = new ArrayList<>();
    var m = CLAUSE.matcher(query);
    while (m.find()) {
      String tail = query.substring(m.end()).replaceAll("[?.!]+\\s*$", "").strip();
      String kw = keywords(Words.tokens(tail), Set.of());
      if (kw != null) {
        out.add(tail);
      }
    }
    return out;
  }
}
