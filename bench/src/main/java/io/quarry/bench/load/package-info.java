/**
 * The open-loop HTTP load of {@code quarry-bench load}: {@link io.quarry.bench.load.LoadGenerator}
 * sends the suite's queries on a fixed schedule in a {@link io.quarry.bench.load.ModeMix} to a
 * {@link io.quarry.bench.load.LoadTarget} (the server's {@code POST /v1/search} on loopback, {@link
 * io.quarry.bench.load.HttpLoadTarget}), and measures every answer from its scheduled send time, so
 * the percentiles are corrected for coordinated omission (HdrHistogram, 3 significant digits).
 * {@link io.quarry.bench.load.LoadSweep} runs rising rates and names the highest one whose fast
 * P99 holds a {@link io.quarry.bench.load.Threshold}; {@link io.quarry.bench.load.DeadlineCheck}
 * says whether the deep path kept its deadline under that load.
 *
 * <p>The clock is a {@link io.quarry.bench.load.Ticker}, so tests drive the schedule and the
 * correction with a fake one.
 */
package io.quarry.bench.load;
