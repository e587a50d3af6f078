package io.quarry.core.query;

import io.quarry.core.search.SearchMode;

/**
 * Where {@code mode=auto} sent a query, and why.
 *
 * @param mode fast or deep
 * @param reason the rule that decided, in a few words
 */
public record RouteDecision(SearchMode mode, String reason) {}
