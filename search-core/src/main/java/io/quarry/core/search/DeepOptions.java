package io.quarry.core.search;

import java.time.Duration;

/**
 * What a request may choose about deep search; null means the configured default. A request can
 * narrow what runs (no rerank, no variants, a shorter deadline) but not switch on what
 * configuration switched off, nor exceed the configured maximum deadline.
 *
 * @param deadline the whole request's budget, or null for the configured default
 * @param rerank whether to rerank, or null for the configured default
 * @param variants whether to search query variants, or null for the configured default
 */
public record DeepOptions(Duration deadline, Boolean rerank, Boolean variants) {

  public static final DeepOptions DEFAULT = new DeepOptions(null, null, null);

  public DeepOptions {
    if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
      throw new InvalidRequestException("deadline_ms", "field 'deadline_ms' is " + deadline.toMillis()
          + ", must be a positive number of milliseconds");
    }
  }
}
