/**
 * Fusion of ranked lists: weighted {@link io.quarry.core.fusion.ReciprocalRankFusion} and
 * min-max {@link io.quarry.core.fusion.ScoreFusion}, both ordered by the single rule in {@link
 * io.quarry.core.fusion.HitOrder}.
 */
package io.quarry.core.fusion;
