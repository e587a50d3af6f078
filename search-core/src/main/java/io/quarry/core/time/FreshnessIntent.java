package io.quarry.core.time;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a query asks for fresh information ("the latest on ...", "who is now ...", "new
 * covid variant", "what did we decide yesterday"), from a fixed list of cue words and phrases
 * matched as whole words, case-insensitively.
 *
 * <p>It only says <em>that</em> the query wants recent material; {@link TimeExpressions} says
 * <em>which</em> dates, and the two overlap on purpose for words like "today" or "this week".
 * Words such as "latest", "recently" or "now" are cues here but never time expressions there.
 *
 * <p>Two exclusions keep common false positives out:
 *
 * <ul>
 *   <li>"New" followed by a capitalised word with lower-case letters in it is a proper name ("New
 *       York", "New Zealand", "New Year's") and not a cue; "new" anywhere else is ("the new
 *       iPhone", "a new season", "New COVID variant").
 *   <li>"current" as a noun after "electric", "ocean", "alternating" or "direct" is physics or
 *       geography, not a cue.
 * </ul>
 *
 * <p>Words that merely contain a cue ("known", "snow", "newsletter") never match, by word
 * boundaries. Pure and thread-safe; the patterns are precompiled, so a call costs a few
 * microseconds.
 */
public final class FreshnessIntent {

  /**
   * The cues. The closing word boundary makes the engine backtrack from "recent" to "recently" or
   * from "new" to "newest", so the order of the alternatives does not matter.
   */
  private static final Pattern CUES = Pattern.compile(
      "\\b(?=\\w)(?:"
          + "(?:past|last|previous)\\s+(?:few|couple\\s+of|several|\\d{1,2})\\s+(?:hours|days|weeks)"
          + "|(?:past|last)\\s+(?:24\\s+hours|week|night)"
          + "|this\\s+(?:morning|afternoon|evening|week|weekend|month|year)"
          + "|right\\s+now|as\\s+of\\s+(?:now|today)|at\\s+the\\s+moment|these\\s+days|so\\s+far"
          + "|just\\s+(?:announced|released|launched)|up[\\s-]+to[\\s-]+date"
          + "|latest|recent|recently|newest|new|current|currently|now|nowadays|today|tonight"
          + "|breaking|upcoming|lately|yesterday"
          + ")\\b",
      Pattern.CASE_INSENSITIVE);

  /** A word that starts upper-case and has a lower-case letter: "York", "Zealand", "Year's". */
  private static final Pattern PROPER_NAME_NEXT = Pattern.compile("\\s+\\p{Lu}[\\p{L}'’]*\\p{Ll}");

  /** Matched against the text before "current" only, so "$" is where "current" starts. */
  private static final Pattern CURRENT_NOUN_BEFORE = Pattern.compile(
      "(?i)\\b(?:electric|electrical|ocean|alternating|direct)\\s+$");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private FreshnessIntent() {}

  /**
   * The first cue in {@code query}, lower-cased and with its inner whitespace collapsed to one
   * space ("latest", "this week", "right now"), or empty when the query does not ask for fresh
   * information.
   *
   * @throws NullPointerException when {@code query} is null
   */
  public static Optional<String> cue(String query) {
    Objects.requireNonNull(query, "query");
    Matcher m = CUES.matcher(query);
    while (m.find()) {
      String cue = WHITESPACE.matcher(m.group().toLowerCase(Locale.ROOT)).replaceAll(" ");
      if (cue.equals("new") && properName(query, m.end())) {
        continue;
      }
      if (cue.equals("current") && CURRENT_NOUN_BEFORE.matcher(query).region(0, m.start()).find()) {
        continue;
      }
      return Optional.of(cue);
    }
    return Optional.empty();
  }

  /** Whether {@code query} asks for fresh information; see {@link #cue(String)}. */
  public static boolean has(String query) {
    return cue(query).isPresent();
  }

  /** Whether the word after "new" makes it part of a name: "New York", but not "new iPhone" or "New COVID". */
  private static boolean properName(String query, int end) {
    Matcher next = PROPER_NAME_NEXT.matcher(query);
    return next.region(end, query.length()).lookingAt();
  }
}
