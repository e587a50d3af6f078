/**
 * Measurement harnesses (main classes, not unit tests): encoder throughput and query latency on
 * SciFact abstracts, and the retrieval-quality effect of int8 batching. Run them as described in
 * each class's javadoc; they print medians over repeated runs.
 */
package io.quarry.embeddings.bench;
