/**
 * Time in the query text, without a model: {@link io.quarry.core.time.TimeExpressions} finds the
 * dates a query names ("in March 2023", "since 2021", "last week", "As of 2023-03-30.") as an
 * inclusive {@link io.quarry.core.time.TimeRange} and returns the text without them, and
 * {@link io.quarry.core.time.FreshnessIntent} tells whether a query wants fresh information at all
 * ("the latest on ...", "who is now ..."). Both are pure, thread-safe and cost microseconds.
 * {@link io.quarry.core.time.FreshnessStrategy} names the ways a search can prefer recent
 * documents.
 */
package io.quarry.core.time;
