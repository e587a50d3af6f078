/**
 * JMH micro-benchmarks, one per hot path; each checks its own result in {@code @Setup} and throws
 * {@link java.lang.IllegalStateException} when it is wrong, so a benchmark never times a broken
 * stage. Run them with {@code java -cp bench/target/quarry-bench.jar org.openjdk.jmh.Main <Name>}.
 *
 * <ul>
 *   <li>Over synthetic input: {@link io.quarry.bench.jmh.FusionBenchmark} (RRF and score fusion),
 *       {@link io.quarry.bench.jmh.DagBenchmark} (the deep path's executor), {@link
 *       io.quarry.bench.jmh.GraphBenchmark} (the graph leg's gate and a whole retrieval), {@link
 *       io.quarry.bench.jmh.RerankBenchmark} (the cross-encoder per pair).
 *   <li>Over a real corpus's index, as {@code quarry-bench run} builds it ({@link
 *       io.quarry.bench.jmh.CorpusIndex}: SciFact by default, {@code -Dquarry.bench.*} for another
 *       corpus or work directory): {@link io.quarry.bench.jmh.Bm25Benchmark}, {@link
 *       io.quarry.bench.jmh.VectorBenchmark}, {@link io.quarry.bench.jmh.HydrationBenchmark} and
 *       {@link io.quarry.bench.jmh.PageRankBenchmark}; {@link
 *       io.quarry.bench.jmh.QueryEmbeddingBenchmark} reads only the corpus's queries.
 * </ul>
 *
 * <p>The real-corpus benchmarks sample every call ({@code Mode.SampleTime}) and report
 * percentiles beside the mean: on a shared machine a preempted call inflates the mean several
 * times over (a BM25 query: mean 5.0 ms, median 1.9 ms, in one run on 2 busy cores), the median
 * far less.
 *
 * <p>{@code BenchmarksSmokeTest} runs each real-corpus benchmark's setup and one call over the
 * test fixture, so none of them rots. {@link io.quarry.bench.jmh.GraphMemory} is a plain main that
 * prints the graph store's heap at scale.
 */
package io.quarry.bench.jmh;
