/**
 * The benchmark's inputs in the BEIR layout of BENCHMARK.md: the {@link io.quarry.bench.data.Suite}
 * file and its sets, the streamed {@link io.quarry.bench.data.Corpus} ({@code .jsonl} or
 * {@code .jsonl.gz}), the {@link io.quarry.bench.data.BenchQuery queries} and a set's optional
 * {@link io.quarry.bench.data.StaleAnswers stale answer documents}. Relevance judgments are read by
 * {@link io.quarry.core.eval.Qrels} in search-core.
 *
 * <p>Readers fail with an {@link java.io.IOException} naming the file and line of the first bad
 * record; they never skip a malformed record silently (the one documented skip, corpus documents
 * with neither title nor text, is counted).
 */
package io.quarry.bench.data;
