package io.quarry.core.time;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the time expressions in a query ("in March 2023", "since 2021", "last week", "Q3 2024",
 * "As of 2023-03-30."), turns them into an inclusive {@link TimeRange}, and returns the query
 * without them, so that the dates can become a filter while the rest is searched as text.
 *
 * <h2>What is recognised</h2>
 *
 * Case-insensitively; month names in full or as three-letter abbreviations with an optional dot,
 * "Sept" too. An expression includes the preposition that introduces it.
 *
 * <ul>
 *   <li>Days: {@code 2022-06-16}, {@code June 16, 2022}, {@code June 16 2022}, {@code 16 June 2022},
 *       {@code 16th of June 2022}; {@code June 16} or {@code 16 June} without a year.
 *   <li>Months: {@code March 2023}; a month without a year only after in, during, since, before,
 *       after, until, till, through, by, from, on or of ("in May", "before May"), because "May"
 *       alone is too often a name ("Theresa May", "May Day").
 *   <li>Years: only after one of those prepositions ("in 2022", "since 2021", "in the year 2022");
 *       a bare year ("the 2022 World Cup") is too often part of a name or a number.
 *   <li>Quarters: {@code Q3 2024}, {@code 2024 Q3}, {@code the third quarter of 2024}; {@code Q3}
 *       alone.
 *   <li>{@code the week of D} and {@code news from the week of D}: the seven days ending on D, as
 *       news digests labelled "the week of D" collect what happened in the week leading up to D.
 *   <li>Operators on any of the above: {@code since X} = X's first day onwards; {@code after X} =
 *       the day after X's last day onwards; {@code before X} = up to the day before X's first day;
 *       {@code until/till/through/by X} = up to X's last day; {@code from X to Y} and {@code
 *       between X and Y} = X's first day to Y's last day (X without a year takes the latest one
 *       starting on or before Y's end: "from March to May 2023"; Y without a year after an
 *       explicit X takes the earliest one ending on or after X's start: "from March 2023 to
 *       May"); {@code in/during/on/from/of X} = X, except "of" before a bare year ("the class of
 *       2022").
 *   <li>Relative to the day that counts as now, called {@code now} here: {@code yesterday} =
 *       now-1; {@code last week} = the seven days before the current rolling week, now-13..now-7; {@code past week}, {@code in the last week}, {@code past/last 7 days} =
 *       now-6..now; {@code past/last N days|weeks|months|years} = now minus N units plus one day
 *       ..now; "few" or "several" days is read generously as a week (now-6..now), "few" of a
 *       larger unit as three and "a couple of" as two; {@code this month} = the first of now's
 *       month..now; {@code last month} = the previous calendar month; {@code past month} =
 *       rolling; {@code this year} = January 1..now; {@code last year} = the previous calendar
 *       year; {@code past year} = rolling.
 *   <li>{@code as of D}: sets the day that counts as now to D (when D is earlier than the one
 *       given); it denotes no range itself.
 * </ul>
 *
 * <p>Freshness words ("recently", "latest", "now", and "this week" and "today", which news
 * questions use to mean "recently" far more often than "since Monday") are not time expressions: they are left in the
 * text and are {@link FreshnessIntent}'s business. Neither is "next month": a query about the
 * future has no past range to filter on. A four-digit number after a preposition is read as a
 * year ("in 2000 words"), the price of accepting "in 1066" and "since 2021".
 *
 * <p>When several matches overlap, the longest wins ("news from the week of June 16, 2022" over
 * "June 16, 2022"). The text loses the expressions and what only served them: parentheses left
 * empty, a label's colon ("In March 2023: ..."), a sentence of its own ("... As of 2023-03-30."),
 * a preposition left dangling, and the spaces and commas left doubled.
 *
 * <h2>Resolution</h2>
 *
 * <ol>
 *   <li>The day that counts as now is the {@code asOf} argument, or an explicit "as of D" when D is
 *       earlier.
 *   <li>Expressions that need no "now" (explicit dates) are resolved first. When they bound the
 *       range above, "now" moves back to that bound, so that "In August 2022: ... over the last
 *       12 months" reads the twelve months up to August 2022, not up to the day of the search.
 *   <li>Expressions that need "now" (relative ones, a month or day or quarter without a year) are
 *       resolved against it. A month without a year is the latest such month starting on or
 *       before "now"; the same for a day or a quarter.
 *   <li>The ranges are intersected in order of appearance. An expression whose range would make
 *       the intersection empty is ignored for the range (it is still listed and removed from the
 *       text): an empty range cannot become a filter, and the earlier expression is kept because
 *       a query usually leads with its main time frame.
 * </ol>
 *
 * <p>Pure and thread-safe. The patterns are compiled once; a query without a digit or a date word
 * costs about a microsecond, one with expressions some tens of microseconds at most.
 */
public final class TimeExpressions {

  private static final String MONTH =
      "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\b\\.?";
  /** Four digits, but not the first half of "2022-23" (a season or a fiscal year). */
  private static final String YEAR = "(?<!\\d)[12]\\d{3}(?!\\d)(?!-\\d{2}(?!\\d))";
  private static final String DAY = "(?<!\\d)(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?\\b";
  private static final String QUARTER_WORD = "first|second|third|fourth|1st|2nd|3rd|4th";

  /** Marks removed text while the glue around it is cleaned; a private-use character. */
  private static final char MARK = '\uE000';

  private static final Pattern AS_OF_EXPRESSION = compile("\\bas\\s+of\\s+" + atom("A", false));
  private static final Pattern WEEK_OF_EXPRESSION = compile(
      "\\b(?:news\\s+from\\s+|(?:in|during|from|on)\\s+)?the\\s+week\\s+of\\s+" + atom("A", false));
  private static final Pattern BETWEEN_EXPRESSION = compile(
      "\\bbetween\\s+" + atom("A", true) + "\\s+and\\s+" + atom("B", true));
  private static final Pattern FROM_TO_EXPRESSION = compile(
      "\\bfrom\\s+" + atom("A", true) + "\\s*(?:to|until|till|through|thru|-|–|—)\\s*" + atom("B", true));
  private static final Pattern OPERATOR_EXPRESSION = compile(
      "\\b(?<op>since|after|before|until|till|through|thru|by|in|during|on|from|of)\\s+" + atom("A", true));
  private static final Pattern PLAIN_EXPRESSION = compile("\\b" + atom("A", false));
  private static final Pattern RELATIVE_EXPRESSION = compile(
      "\\b(?=\\w)(?:(?:in|during|over|within|from|on|for|as\\s+of)\\s+)?(?:"
          + "(?<yesterday>yesterday)"
          + "|this\\s+(?<thisU>month|year)"
          // "the last week of June" is a week of June, not last week
          // (the lookbehinds follow a literal so that they run only where it matched)
          + "|last(?<!\\bthe\\slast)\\s+(?<lastU>week|month|year)(?!\\s+of\\b)"
          + "|(?:the\\s+)?past\\s+(?<pastU>week|month|year)(?!\\s+of\\b)"
          // "in the last year" is the past year; "the last year" alone is too often "of his life"
          + "|the(?<=\\b(?:in|over|during|within|for)\\sthe)\\s+last\\s+(?<theLastU>week|month|year)(?!\\s+of\\b)"
          + "|(?:the\\s+)?(?:past|last|previous)\\s+"
          + "(?<n>\\d{1,3}|few|several|couple(?:\\s+of)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
          + "\\s+(?<nU>days?|weeks?|months?|years?)(?!\\s+of\\b)"
          + ")(?:['’]s)?\\b");

  /**
   * Every expression contains a digit or one of these stems, and most queries contain neither: one
   * cheap scan spares them the seven patterns below.
   */
  private static final List<String> STEMS = List.of(
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
      "day", "week", "month", "year", "quarter");

  /** Operators that state a bound rather than name a period. */
  private static final java.util.Set<String> BOUND_OPERATORS =
      java.util.Set.of("since", "after", "before", "until", "till", "through", "thru", "by");

  private enum Rule {
    // the order breaks ties between matches of the same span: "as of D" is an as-of, not "of D"
    AS_OF(AS_OF_EXPRESSION),
    WEEK_OF(WEEK_OF_EXPRESSION),
    BETWEEN(BETWEEN_EXPRESSION),
    FROM_TO(FROM_TO_EXPRESSION),
    OPERATOR(OPERATOR_EXPRESSION),
    PLAIN(PLAIN_EXPRESSION),
    RELATIVE(RELATIVE_EXPRESSION);

    final Pattern pattern;

    Rule(Pattern pattern) {
      this.pattern = pattern;
    }
  }

  private static final Pattern DANGLING_PREPOSITION = compile(
      "\\b(?:in|during|from|on|over|within|as\\s+of)\\s+" + MARK);
  /** Parentheses that held nothing but expressions: "(news from the week of June 16, 2022)". */
  private static final Pattern EMPTIED_PARENTHESES = Pattern.compile("\\((?:[\\s,;]|" + MARK + ")*\\)");
  /** An expression that was a sentence or a label of its own: "As of 2023-03-30.", "In March 2023:". */
  private static final Pattern WHOLE_SENTENCE = Pattern.compile("(^|[.?!])(\\s*)" + MARK + "\\s*[.:;,]?(?=\\s|$)");
  private static final Pattern MARKS = Pattern.compile("\\s*" + MARK + "[\\s" + MARK + "]*");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+([,.;:?!)])");
  private static final Pattern SEPARATOR_BEFORE_PUNCTUATION = Pattern.compile("[,;:]\\s*(?=[,.;:?!])");
  private static final Pattern SPACES = Pattern.compile("\\s{2,}");
  private static final Pattern LEADING_SEPARATORS = Pattern.compile("^[\\s,;:]+");
  private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[\\s,;:]+$");
  /** "trade?." once the sentences after the question mark are gone. */
  private static final Pattern STOP_AFTER_END = Pattern.compile("(?<=[?!])[.,;:]+");

  private TimeExpressions() {}

  /**
   * Finds the time expressions in {@code query}; see the class comment for what is recognised and
   * how it is resolved.
   *
   * @param query the query text
   * @param asOf the day that counts as now (an explicit earlier "as of" in the query overrides it)
   * @return the cleaned text, range, explicit as-of day and expressions; never null
   * @throws NullPointerException when an argument is null
   */
  public static TemporalParse parse(String query, LocalDate asOf) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(asOf, "asOf");
    List<Found> found = mayHaveTime(query) ? select(candidates(query, asOf)) : List.of();
    // a date inside a question is part of what is asked, not a frame for the search
    found = found.stream().filter(f -> FramePosition.frames(query, f.match.start(), f.match.end())).toList();
    if (found.isEmpty()) {
      return new TemporalParse(query, null, null, List.of(), false);
    }

    LocalDate explicitAsOf = null;
    for (Found f : found) {
      if (f.rule == Rule.AS_OF) {
        explicitAsOf = f.resolved.asOf;
        break;
      }
    }
    LocalDate now = explicitAsOf != null && explicitAsOf.isBefore(asOf) ? explicitAsOf : asOf;

    // explicit dates first: they may move "now" back to the end of the time frame they set
    Resolved[] resolved = new Resolved[found.size()];
    boolean[] dependent = new boolean[found.size()];
    List<Resolved> absolute = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      Ref ref = new Ref(now, false);
      resolved[i] = resolve(found.get(i).rule, found.get(i).match, ref);
      dependent[i] = ref.used && found.get(i).rule != Rule.AS_OF;
      if (!dependent[i] && resolved[i] != null) {
        absolute.add(resolved[i]);
      }
    }
    TimeRange frame = intersect(absolute);
    if (frame != null && frame.until() != null && frame.until().isBefore(now)) {
      now = frame.until();
    }
    // A rolling expression ("this week", "the past few days") inside a time frame that ended before
    // now has no day to count from: "In June 2022: ... this week" names a week of June, but which
    // one is unknowable. It stays listed and out of the text, and leaves the frame as it is.
    boolean ambiguous = frame != null && now.isBefore(explicitAsOf != null && explicitAsOf.isBefore(asOf) ? explicitAsOf : asOf);
    boolean relative = false;
    for (int i = 0; i < found.size(); i++) {
      if (dependent[i]) {
        relative = true;
        resolved[i] = ambiguous && found.get(i).rule == Rule.RELATIVE
            ? null : resolve(found.get(i).rule, found.get(i).match, new Ref(now, false));
      }
    }
    boolean bound = false;
    for (Found f : found) {
      bound |= f.rule == Rule.BETWEEN || f.rule == Rule.FROM_TO
          || (f.rule == Rule.OPERATOR && BOUND_OPERATORS.contains(f.match.group("op").toLowerCase(java.util.Locale.ROOT)));
    }
    List<Resolved> ordered = new ArrayList<>();
    for (Resolved r : resolved) {
      if (r != null) {
        ordered.add(r);
      }
    }
    List<String> expressions = found.stream().map(f -> f.match.group()).toList();
    return new TemporalParse(clean(query, found), intersect(ordered), explicitAsOf, expressions, relative, bound);
  }

  // ---- finding ----

  private static boolean mayHaveTime(String query) {
    for (int i = 0; i < query.length(); i++) {
      if (Character.isDigit(query.charAt(i))) {
        return true;
      }
    }
    String lower = query.toLowerCase(Locale.ROOT);
    for (String stem : STEMS) {
      if (lower.contains(stem)) {
        return true;
      }
    }
    return false;
  }

  /** A match of one rule that resolves to valid dates (it may still lose to an overlapping one). */
  private record Found(Rule rule, MatchResult match, Resolved resolved) {
    int length() {
      return match.end() - match.start();
    }
  }

  private static List<Found> candidates(String query, LocalDate asOf) {
    List<Found> out = new ArrayList<>();
    for (Rule rule : Rule.values()) {
      Matcher m = rule.pattern.matcher(query);
      int from = 0;
      // restart one character after each match so that an overlapping match of the same rule
      // (a shorter valid one inside a longer invalid one) is not missed; overlaps are settled later
      while (from < query.length() && m.find(from)) {
        MatchResult match = m.toMatchResult();
        Resolved r = resolve(rule, match, new Ref(asOf, false));
        if (r != null) {
          out.add(new Found(rule, match, r));
        }
        from = m.start() + 1;
      }
    }
    return out;
  }

  /** The longest matches win over the ones they overlap; the survivors in order of appearance. */
  private static List<Found> select(List<Found> candidates) {
    candidates.sort(Comparator.comparingInt(Found::length).reversed()
        .thenComparingInt(f -> f.match.start())
        .thenComparing(Found::rule));
    List<Found> chosen = new ArrayList<>();
    for (Found c : candidates) {
      boolean overlaps = false;
      for (Found t : chosen) {
        if (c.match.start() < t.match.end() && t.match.start() < c.match.end()) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps) {
        chosen.add(c);
      }
    }
    chosen.sort(Comparator.comparingInt(f -> f.match.start()));
    return chosen;
  }

  // ---- resolving ----

  /** Dates an expression denotes: a range (either end open) or, for "as of D", the day D. */
  private record Resolved(LocalDate since, LocalDate until, LocalDate asOf) {}

  /** A closed span of days denoted by a date, month, quarter or year. */
  private record Span(LocalDate first, LocalDate last) {
    static Span day(LocalDate d) {
      return new Span(d, d);
    }
  }

  /**
   * The day that a month, day or quarter without a year is resolved against, and whether it was
   * needed. Backward: the latest such period starting on or before the day; forward: the earliest
   * one ending on or after it ("from March 2023 to May").
   */
  private static final class Ref {
    final LocalDate day;
    final boolean forward;
    boolean used;

    Ref(LocalDate day, boolean forward) {
      this.day = day;
      this.forward = forward;
    }

    LocalDate get() {
      used = true;
      return day;
    }
  }

  /** The expression's dates, or null when they are not valid (June 31, a reversed range, "of 2022"). */
  private static Resolved resolve(Rule rule, MatchResult m, Ref ref) {
    try {
      return switch (rule) {
        case AS_OF -> new Resolved(null, null, atom(m, "A", ref).last);
        case WEEK_OF -> {
          Span d = atom(m, "A", ref);
          yield d.first.equals(d.last) ? new Resolved(d.last.minusDays(6), d.last, null) : null;
        }
        case BETWEEN, FROM_TO -> {
          Ref probe = new Ref(ref.day, false);
          Span a = atom(m, "A", probe);
          Span b;
          if (!probe.used) {
            b = atom(m, "B", new Ref(a.first, true));
          } else {
            b = atom(m, "B", ref);
            a = atom(m, "A", new Ref(b.last, false));
          }
          yield a.first.isAfter(b.last) ? null : new Resolved(a.first, b.last, null);
        }
        case OPERATOR -> operator(m, ref);
        case PLAIN -> {
          Span s = atom(m, "A", ref);
          yield new Resolved(s.first, s.last, null);
        }
        case RELATIVE -> relative(m, ref.get());
      };
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static Resolved operator(MatchResult m, Ref ref) {
    String op = m.group("op").toLowerCase(Locale.ROOT);
    if (op.equals("of") && (group(m, "yA") != null || group(m, "tyA") != null)) {
      return null; // "the class of 2022", "the summer of 2022": part of a name or a season
    }
    Span s = atom(m, "A", ref);
    return switch (op) {
      case "since" -> new Resolved(s.first, null, null);
      case "after" -> new Resolved(s.last.plusDays(1), null, null);
      case "before" -> new Resolved(null, s.first.minusDays(1), null);
      case "until", "till", "through", "thru", "by" -> new Resolved(null, s.last, null);
      default -> new Resolved(s.first, s.last, null);
    };
  }

  private static Resolved relative(MatchResult m, LocalDate now) {
    if (m.group("yesterday") != null) {
      LocalDate d = now.minusDays(1);
      return new Resolved(d, d, null);
    }
    String unit;
    if ((unit = m.group("thisU")) != null) {
      return switch (unit.toLowerCase(Locale.ROOT)) {
        case "month" -> new Resolved(now.withDayOfMonth(1), now, null);
        default -> new Resolved(now.withDayOfYear(1), now, null);
      };
    }
    if ((unit = m.group("lastU")) != null) {
      return switch (unit.toLowerCase(Locale.ROOT)) {
        case "week" -> new Resolved(now.minusDays(13), now.minusDays(7), null);
        case "month" -> {
          LocalDate d = now.minusMonths(1);
          yield new Resolved(d.withDayOfMonth(1), d.withDayOfMonth(d.lengthOfMonth()), null);
        }
        default -> new Resolved(LocalDate.of(now.getYear() - 1, 1, 1), LocalDate.of(now.getYear() - 1, 12, 31), null);
      };
    }
    if ((unit = m.group("pastU")) != null || (unit = m.group("theLastU")) != null) {
      return rolling(now, 1, unit);
    }
    String n = m.group("n").toLowerCase(Locale.ROOT);
    unit = m.group("nU").toLowerCase(Locale.ROOT);
    int count = switch (n.replaceAll("\\s.*", "")) {
      case "few", "several" -> unit.startsWith("day") ? 7 : 3;
      case "couple" -> 2;
      case "two" -> 2;
      case "three" -> 3;
      case "four" -> 4;
      case "five" -> 5;
      case "six" -> 6;
      case "seven" -> 7;
      case "eight" -> 8;
      case "nine" -> 9;
      case "ten" -> 10;
      case "eleven" -> 11;
      case "twelve" -> 12;
      default -> Integer.parseInt(n);
    };
    return count == 0 ? null : rolling(now, count, unit);
  }

  /** The {@code count} units up to and including {@code now}. */
  private static Resolved rolling(LocalDate now, int count, String unit) {
    ChronoUnit u = switch (unit.toLowerCase(Locale.ROOT).charAt(0)) {
      case 'd' -> ChronoUnit.DAYS;
      case 'w' -> ChronoUnit.WEEKS;
      case 'm' -> ChronoUnit.MONTHS;
      default -> ChronoUnit.YEARS;
    };
    return new Resolved(now.minus(count, u).plusDays(1), now, null);
  }

  // ---- atoms: one date, month, quarter or year ----

  /**
   * The regex of one atom, its groups suffixed with {@code s}. Loose atoms also admit a bare year
   * and a bare month, which only make sense after a preposition. The alternatives are grouped by
   * their first character behind a cheap lookahead, as the engine would otherwise try every month
   * name at every word; within a group, the longer forms come first ("March 2023" before "March").
   */
  private static String atom(String s, boolean loose) {
    return "(?:(?=\\d)(?:"
        + "(?<iso" + s + ">\\d{4}-\\d{2}-\\d{2})(?!\\d)"
        + "|(?<dmyD" + s + ">" + DAY + ")\\s+(?:of\\s+)?(?<dmyM" + s + ">" + MONTH + "),?\\s+(?<dmyY" + s + ">" + YEAR + ")"
        + "|(?<yqY" + s + ">" + YEAR + ")[\\s-]+Q(?<yqN" + s + ">[1-4])\\b"
        + "|(?<dmD" + s + ">" + DAY + ")\\s+(?:of\\s+)?(?<dmM" + s + ">" + MONTH + ")"
        + (loose ? "|(?<y" + s + ">" + YEAR + ")" : "")
        + ")|(?=[jfmasond])(?:"
        + "(?<mdyM" + s + ">" + MONTH + ")\\s+(?<mdyD" + s + ">" + DAY + "),?\\s+(?<mdyY" + s + ">" + YEAR + ")"
        + "|(?<myM" + s + ">" + MONTH + "),?\\s+(?<myY" + s + ">" + YEAR + ")"
        + "|(?<mdM" + s + ">" + MONTH + ")\\s+(?<mdD" + s + ">" + DAY + ")"
        // not "May's": a month has no possessive, a person does
        + (loose ? "|(?<m" + s + ">" + MONTH + ")(?!['’]s\\b)" : "")
        + ")|Q(?<qN" + s + ">[1-4])(?:[\\s-]+(?<qY" + s + ">" + YEAR + "))?\\b"
        + "|(?=[tfs1-4])(?:"
        + "(?:the\\s+)?(?<qwN" + s + ">" + QUARTER_WORD + ")\\s+quarter\\s+(?:of\\s+|in\\s+)?(?<qwY" + s + ">" + YEAR + ")"
        + (loose ? "|the\\s+year\\s+(?<ty" + s + ">" + YEAR + ")" : "")
        + "))";
  }

  private static Span atom(MatchResult m, String s, Ref ref) {
    String g;
    if ((g = group(m, "iso" + s)) != null) {
      return Span.day(LocalDate.parse(g));
    }
    if ((g = group(m, "mdyM" + s)) != null) {
      return Span.day(LocalDate.of(year(m.group("mdyY" + s)), month(g), day(m.group("mdyD" + s))));
    }
    if ((g = group(m, "dmyM" + s)) != null) {
      return Span.day(LocalDate.of(year(m.group("dmyY" + s)), month(g), day(m.group("dmyD" + s))));
    }
    if ((g = group(m, "qwN" + s)) != null) {
      return quarter(year(m.group("qwY" + s)), quarterWord(g));
    }
    if ((g = group(m, "yqN" + s)) != null) {
      return quarter(year(m.group("yqY" + s)), Integer.parseInt(g));
    }
    if ((g = group(m, "qN" + s)) != null) {
      String y = m.group("qY" + s);
      return y != null ? quarter(year(y), Integer.parseInt(g)) : yearlessQuarter(Integer.parseInt(g), ref);
    }
    if ((g = group(m, "myM" + s)) != null) {
      return month(year(m.group("myY" + s)), month(g));
    }
    if ((g = group(m, "mdM" + s)) != null) {
      return yearlessDay(MonthDay.of(month(g), day(m.group("mdD" + s))), ref);
    }
    if ((g = group(m, "dmM" + s)) != null) {
      return yearlessDay(MonthDay.of(month(g), day(m.group("dmD" + s))), ref);
    }
    if ((g = group(m, "y" + s)) != null || (g = group(m, "ty" + s)) != null) {
      int y = year(g);
      return new Span(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
    }
    return yearlessMonth(month(m.group("m" + s)), ref);
  }

  private static Span yearlessMonth(int month, Ref ref) {
    LocalDate day = ref.get();
    int y = day.getYear();
    if (ref.forward) {
      return month(month < day.getMonthValue() ? y + 1 : y, month);
    }
    return month(month > day.getMonthValue() ? y - 1 : y, month);
  }

  private static Span yearlessQuarter(int quarter, Ref ref) {
    LocalDate day = ref.get();
    int current = (day.getMonthValue() - 1) / 3 + 1;
    int y = day.getYear();
    if (ref.forward) {
      return quarter(quarter < current ? y + 1 : y, quarter);
    }
    return quarter(quarter > current ? y - 1 : y, quarter);
  }

  /** The latest such day on or before the reference day (forward: the earliest on or after it). */
  private static Span yearlessDay(MonthDay md, Ref ref) {
    LocalDate day = ref.get();
    int step = ref.forward ? 1 : -1;
    // February 29 may need up to eight years to find a leap year; other days one or two
    for (int y = day.getYear(), i = 0; i < 9; y += step, i++) {
      if (md.isValidYear(y)) {
        LocalDate d = md.atYear(y);
        if (ref.forward ? !d.isBefore(day) : !d.isAfter(day)) {
          return Span.day(d);
        }
      }
    }
    throw new DateTimeException("no " + md + " near " + day);
  }

  private static Span month(int year, int month) {
    LocalDate first = LocalDate.of(year, month, 1);
    return new Span(first, first.withDayOfMonth(first.lengthOfMonth()));
  }

  private static Span quarter(int year, int quarter) {
    LocalDate first = LocalDate.of(year, quarter * 3 - 2, 1);
    return new Span(first, first.plusMonths(3).minusDays(1));
  }

  private static int year(String text) {
    return Integer.parseInt(text);
  }

  private static int day(String text) {
    return Integer.parseInt(text.replaceAll("\\D", ""));
  }

  private static int month(String name) {
    return switch (name.substring(0, 3).toLowerCase(Locale.ROOT)) {
      case "jan" -> 1;
      case "feb" -> 2;
      case "mar" -> 3;
      case "apr" -> 4;
      case "may" -> 5;
      case "jun" -> 6;
      case "jul" -> 7;
      case "aug" -> 8;
      case "sep" -> 9;
      case "oct" -> 10;
      case "nov" -> 11;
      default -> 12;
    };
  }

  private static int quarterWord(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "first", "1st" -> 1;
      case "second", "2nd" -> 2;
      case "third", "3rd" -> 3;
      default -> 4;
    };
  }

  /** A named group's text, or null when it did not take part or the pattern has no such group. */
  private static String group(MatchResult m, String name) {
    return m.namedGroups().containsKey(name) ? m.group(name) : null;
  }

  // ---- combining and cleaning ----

  /** The intersection of the ranges in order, skipping one that would empty it; null when none. */
  private static TimeRange intersect(List<Resolved> ranges) {
    LocalDate since = null;
    LocalDate until = null;
    boolean any = false;
    for (Resolved r : ranges) {
      if (r.since == null && r.until == null) {
        continue; // an "as of"
      }
      LocalDate s = later(since, r.since);
      LocalDate u = earlier(until, r.until);
      if (s != null && u != null && s.isAfter(u)) {
        continue;
      }
      since = s;
      until = u;
      any = true;
    }
    return any ? new TimeRange(since, until) : null;
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private static LocalDate earlier(LocalDate a, LocalDate b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  /** The query without the expressions, the prepositions and parentheses around them, and the punctuation they leave. */
  private static String clean(String query, List<Found> found) {
    StringBuilder sb = new StringBuilder(query.length());
    int at = 0;
    for (Found f : found) {
      sb.append(query, at, f.match.start()).append(MARK);
      at = f.match.end();
    }
    sb.append(query, at, query.length());
    String t = DANGLING_PREPOSITION.matcher(sb).replaceAll(String.valueOf(MARK));
    t = EMPTIED_PARENTHESES.matcher(t).replaceAll("");
    t = WHOLE_SENTENCE.matcher(t).replaceAll("$1$2");
    t = MARKS.matcher(t).replaceAll(" ");
    t = SPACE_BEFORE_PUNCTUATION.matcher(t).replaceAll("$1");
    t = SEPARATOR_BEFORE_PUNCTUATION.matcher(t).replaceAll("");
    t = SPACES.matcher(t).replaceAll(" ");
    t = LEADING_SEPARATORS.matcher(t).replaceAll("");
    t = TRAILING_SEPARATORS.matcher(t).replaceAll("");
    t = STOP_AFTER_END.matcher(t).replaceAll("");
    return t.isBlank() ? query : t;
  }

  private static Pattern compile(String regex) {
    // ASCII case folding is enough for English date words and much cheaper than Unicode folding
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }
}
