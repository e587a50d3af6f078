/**
 * Understanding the query text without a model: {@link io.quarry.core.query.QueryVariants} (the
 * rewrites deep search runs as extra legs) and {@link io.quarry.core.query.Router} (fast or deep
 * for {@code mode=auto}).
 */
package io.quarry.core.query;
