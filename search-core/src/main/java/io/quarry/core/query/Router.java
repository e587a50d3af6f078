package io.quarry.core.query;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses fast or deep for {@code mode=auto} from the query text alone, with a few rules that
 * cost microseconds: questions that compare entities, nest a clause ("the country where ..."),
 * follow a relation from a named entity ("the author of Brand"), or name two or more entities in a
 * long question go deep; other questions, keyword queries and statements go fast.
 *
 * <p>Pure and thread-safe.
 */
public final class Router {

  /** Words at or above which a question with an entity counts as complex. */
  public static final int LONG_QUESTION_WORDS = 12;

  private static final Set<String> QUESTION_STARTS = Set.of("who", "what", "which", "when", "where",
      "why", "how", "whose", "whom", "is", "are", "was", "were", "do", "does", "did", "can", "in", "at");
  private static final Pattern COMPARISON = Pattern.compile(
      "\\b(both|either|same|older|oldest|younger|youngest|first|larger|bigger|longer|taller)\\b|\\bor\\b[^?]*\\?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NESTED = Pattern.compile(
      "\\b(where|which|whose|who|that|whom)\\b.+\\b(is|was|were|are|did|does|has|had|born|located|found|formed|published|based)\\b"
          + "|\\bof the\\b.+\\bof\\b",
      Pattern.CASE_INSENSITIVE);

  /** "the author of Brand", "the era of Haymo ...": a relation to follow from a named entity. */
  private static final Pattern RELATION = Pattern.compile("\\bthe\\s+\\p{Ll}+\\s+of\\s+(?:the\\s+)?\\p{Lu}");

  private Router() {}

  public static RouteDecision route(String query) {
    List<String> tokens = Words.tokens(query);
    boolean question = query.strip().endsWith("?")
        || (!tokens.isEmpty() && QUESTION_STARTS.contains(tokens.get(0).toLowerCase(Locale.ROOT)));
    if (!question) {
      return RouteDecision.fast("not a question");
    }
    List<String> entities = Entities.find(tokens);
    if (entities.size() >= 2 && COMPARISON.matcher(query).find()) {
      return RouteDecision.deep("compares " + entities.size() + " entities");
    }
    // "the first X of the Y" is a nested question only when the words around it say so
    if (tokens.size() >= 8 && NESTED.matcher(query).find()) {
      return RouteDecision.deep("nested clause");
    }
    if (RELATION.matcher(query).find()) {
      return RouteDecision.deep("relation of a named entity");
    }
    if (entities.size() >= 2 && tokens.size() >= LONG_QUESTION_WORDS) {
      return RouteDecision.deep("long question naming " + entities.size() + " entities");
    }
    return RouteDecision.fast("simple question");
  }
}
