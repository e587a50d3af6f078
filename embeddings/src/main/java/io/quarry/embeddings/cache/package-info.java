/**
 * Embedding caches: re-indexing unchanged text costs no inference.
 *
 * <p>{@link io.quarry.embeddings.cache.DiskEmbeddingCache} is an append-only file per model id of
 * fixed-size, checksummed records keyed by a 128-bit {@link io.quarry.embeddings.cache.TextKey}
 * (SHA-256 of the text, truncated); opening it scans the file, indexes record positions in memory
 * and cuts off a torn tail. {@link io.quarry.embeddings.cache.CachingEncoder} decorates any {@link
 * io.quarry.core.spi.TextEncoder}: passages go through the disk cache (misses are encoded in one
 * batched call), queries through a bounded in-memory LRU; {@link
 * io.quarry.embeddings.cache.CacheStats} counts hits and misses.
 *
 * <p>Memory: the index holds one entry (about 80 bytes) per cached text, not the vectors: about
 * 16 MB for 200k passages, whose 384-float vectors take about 310 MB on disk (and in the OS page
 * cache when hot).
 */
package io.quarry.embeddings.cache;
