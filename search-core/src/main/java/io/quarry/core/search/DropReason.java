package io.quarry.core.search;

import java.util.Locale;

/**
 * Why a leg or stage contributed nothing to an answer. One rule decides whether an answer is
 * partial: some leg or stage that was meant to run did not finish ({@link #TIMEOUT}, {@link
 * #ERROR}). The other reasons say the answer is exactly what this request and this
 * configuration ask for.
 */
public enum DropReason {
  /** The request narrowed what runs ({@code legs}, {@code rerank: false}, ...). */
  NOT_REQUESTED,
  /** The configuration switched it off, or what it needs is not configured (no model, no reranker). */
  DISABLED,
  /**
   * It is configured but cannot serve now: its model failed to load, its data is empty. The
   * server's status says so too.
   */
  UNAVAILABLE,
  /** A cheap check decided that it cannot help this query, so it was not paid for. */
  GATED,
  /** It ran out of time: its own limit, the deadline, or a dependency's timeout. */
  TIMEOUT,
  /** It failed. */
  ERROR;

  /** Whether an answer missing this leg is partial. */
  public boolean partial() {
    return this == TIMEOUT || this == ERROR;
  }

  /** The name on the wire: {@code not_requested}, {@code disabled}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
