package io.quarry.core.time;

/**
 * Whether a time expression frames the search or belongs to what is asked.
 *
 * <p>Inside a question a date is usually part of the question: "How much have egg prices
 * increased over the past year?", "Which airline is slashing flights during November?", "the
 * insurrection on January 6, 2021". Taken as a filter it would remove the very articles that
 * answer (on RealTime QA, reading every expression as a frame cost 0.03 nDCG@10 against reading
 * none; see the README). So in a query with a question mark an expression frames the search only
 * where a frame stands:
 *
 * <ul>
 *   <li>a prefix of its own: "In March 2023: ...", "Last week, ...";
 *   <li>a parenthesis: "... (news from the week of June 16, 2022)";
 *   <li>a sentence of its own: "... ? As of 2023-03-30.";
 *   <li>after the last question mark: "...? in the past few days".
 * </ul>
 *
 * A query without a question mark or a closing colon ("transit budget news in May 2024", "what
 * did we decide last week") is framed by every expression in it.
 */
final class FramePosition {

  private FramePosition() {}

  /** Whether the expression at {@code [start, end)} of {@code query} frames the search. */
  static boolean frames(String query, int start, int end) {
    // a quiz prompt ending in a colon ("... She was a former special assistant to:") is a question too
    int lastQuestion = Math.max(query.lastIndexOf('?'), query.strip().endsWith(":") ? query.lastIndexOf(':') : -1);
    if (lastQuestion < 0 || start > lastQuestion) {
      return true;
    }
    String before = query.substring(0, start).strip();
    String after = query.substring(end).strip();
    if (before.isEmpty() && (after.startsWith(":") || after.startsWith(","))) {
      return true; // a prefix
    }
    if (before.endsWith("(") && after.startsWith(")")) {
      return true; // "(this week)", "(news from the week of ...)"
    }
    boolean sentenceStart = before.isEmpty() || before.endsWith(".") || before.endsWith("?") || before.endsWith("!");
    boolean sentenceEnd = after.isEmpty() || after.startsWith(".") || after.startsWith("!");
    return sentenceStart && sentenceEnd && !after.startsWith("?");
  }
}
