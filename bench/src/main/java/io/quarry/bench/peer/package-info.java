/**
 * Peers run side by side with Quarry in one benchmark run ({@code quarry-bench run --peers}):
 * Anserini (the reference Lucene BM25, in its own JVM since it ships another Lucene), LanceDB
 * (from a Node script), an exact brute-force k-NN scan over Quarry's own vectors, and raw ONNX
 * Runtime as the reference for the encoder's throughput.
 *
 * <p>Each peer gets the same corpus, the same queries, in the same order, interleaved with
 * Quarry's, and the same k. The vector peers get Quarry's own passage vectors ({@link
 * io.quarry.bench.peer.PeerCorpus}), so the engines are compared and not the models. A peer that
 * cannot be set up is reported with the reason and skipped ({@link io.quarry.bench.peer.Peers}),
 * never faked.
 */
package io.quarry.bench.peer;
