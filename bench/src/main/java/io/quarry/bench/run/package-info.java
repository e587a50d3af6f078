/**
 * The benchmark run: {@link io.quarry.bench.run.Runner} drives a
 * {@link io.quarry.bench.backend.SearchBackend} over the sets and modes of a suite and writes the
 * {@code run.json} of BENCHMARK.md ({@link io.quarry.bench.run.RunFile}), one TREC run file per
 * set and mode ({@link io.quarry.bench.run.TrecRunWriter}), the numbered history copy
 * ({@link io.quarry.bench.run.History}) and the summary table
 * ({@link io.quarry.bench.run.SummaryTable}).
 *
 * <p>Numbers in {@code run.json} are rounded once, when a row is built: quality metrics and
 * {@code partial_rate} to 4 decimals (trec_eval's precision), milliseconds and seconds to 3.
 */
package io.quarry.bench.run;
