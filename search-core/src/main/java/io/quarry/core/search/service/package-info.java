/**
 * The one entry point for searches, {@link io.quarry.core.search.service.SearchService}: plans
 * time, validates what every route shares, and answers {@code mode=fast}, {@code deep} or {@code
 * auto} (routed by {@link io.quarry.core.query.Router}).
 */
package io.quarry.core.search.service;
