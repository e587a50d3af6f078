package io.quarry.core.time;

import java.time.LocalDate;

/**
 * A date range, inclusive at both ends; either end may be open (null).
 *
 * @param since first day, or null
 * @param until last day, or null
 */
public record TimeRange(LocalDate since, LocalDate until) {}
