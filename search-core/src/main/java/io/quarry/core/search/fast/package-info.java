/**
 * The fast path, {@link io.quarry.core.search.fast.FastSearch}: the enabled legs in parallel on
 * one snapshot under one timeout, fused, hydrated.
 */
package io.quarry.core.search.fast;
