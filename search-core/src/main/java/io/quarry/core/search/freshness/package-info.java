/**
 * Freshness and temporal search. Before any leg runs, {@link
 * io.quarry.core.search.freshness.TemporalPlanner} gives each request a {@link
 * io.quarry.core.search.freshness.TemporalPlan} (its as-of day, the text without its time
 * expressions, the range they name, whether the query is time-sensitive, and the freshness
 * strategy that runs). Both paths follow it: {@link
 * io.quarry.core.search.freshness.RecencyWindow} narrows every leg, {@link
 * io.quarry.core.search.freshness.FreshnessLeg} is the recent pass fused beside the others, and
 * {@link io.quarry.core.search.freshness.RecencyDecay} reweighs the fused list.
 */
package io.quarry.core.search.freshness;
