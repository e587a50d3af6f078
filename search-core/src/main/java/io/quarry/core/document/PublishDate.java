package io.quarry.core.document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * When a document was published: a day ({@code 2023-06-16}) or a full instant
 * ({@code 2023-06-16T14:03:00Z}); the precision the caller gave is kept.
 *
 * <p>Day-precision dates are placed at the start of that day in UTC, so range filters on days
 * compare them correctly with instants.
 *
 * @param instant the point in time (start of day in UTC for day-precision dates)
 * @param dayOnly true when the source gave only a day
 */
public record PublishDate(Instant instant, boolean dayOnly) {

  public PublishDate {
    Objects.requireNonNull(instant, "instant");
  }

  /** A day-precision date. */
  public static PublishDate ofDay(LocalDate day) {
    return new PublishDate(day.atStartOfDay(ZoneOffset.UTC).toInstant(), true);
  }

  /**
   * Parses {@code YYYY-MM-DD}, an ISO-8601 instant ({@code ...Z}) or an ISO-8601 date-time with
   * offset.
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them
   */
  public static PublishDate parse(String text) {
    String t = text.strip();
    try {
      if (t.length() == 10) {
        return ofDay(LocalDate.parse(t));
      }
      if (t.endsWith("Z") || t.endsWith("z")) {
        return new PublishDate(Instant.parse(t), false);
      }
      return new PublishDate(OffsetDateTime.parse(t).toInstant(), false);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "illegal date: '" + text + "', must be YYYY-MM-DD or an ISO-8601 date-time such as 2023-06-16T14:03:00Z");
    }
  }

  /** The UTC day this date falls on. */
  public LocalDate day() {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** {@code YYYY-MM-DD} for day-precision dates, the ISO-8601 instant otherwise. */
  @Override
  public String toString() {
    return dayOnly ? day().toString() : instant.toString();
  }
}
