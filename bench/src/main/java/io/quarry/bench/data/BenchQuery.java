package io.quarry.bench.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One benchmark query as read from a queries file.
 *
 * <p>Only {@link #text()} and {@link #asOf()} may ever reach the engine (see
 * {@code io.quarry.bench.backend.BackendQuery#of}). {@link #category()} is for reporting only, and
 * {@link #questionDate()} only serves as the freshness metrics' reference day when the query has
 * no {@code as_of}.
 *
 * @param id query id ({@code _id}), not blank
 * @param text query text, not blank
 * @param category reporting label ({@code category}); {@link #UNCATEGORIZED} when the file has none
 * @param asOf the day the question is asked ({@code as_of}); null when absent
 * @param questionDate the quiz day ({@code question_date}); null when absent
 */
public record BenchQuery(String id, String text, String category, LocalDate asOf,
    LocalDate questionDate) {

  /** Category of queries whose record has none. */
  public static final String UNCATEGORIZED = "uncategorized";

  public BenchQuery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    if (id.isBlank()) {
      throw new IllegalArgumentException("illegal query id: must not be blank");
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("illegal query '" + id + "': text must not be empty");
    }
    category = category == null || category.isBlank() ? UNCATEGORIZED : category;
  }

  /**
   * The day the freshness metrics measure ages from: {@code as_of} when the query has one, else
   * its quiz date; null when it has neither.
   */
  public LocalDate referenceDate() {
    return asOf != null ? asOf : questionDate;
  }
}
