/**
 * The command line ({@code java -jar bench/target/quarry-bench.jar run|compare|report}, see
 * BENCHMARK.md) and the composition root: {@link io.quarry.bench.cli.BenchCli} builds the backend
 * and the runner with constructors and hands over; no logic of its own beyond option checks.
 */
package io.quarry.bench.cli;
