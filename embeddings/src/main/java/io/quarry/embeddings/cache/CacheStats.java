package io.quarry.embeddings.cache;

/**
 * Counters of a {@link CachingEncoder} since it was created; a snapshot, not live.
 *
 * @param passageHits passages answered from the disk cache
 * @param passageMisses passages sent to the wrapped encoder (duplicates within one call count once)
 * @param queryHits queries answered from the in-memory LRU
 * @param queryMisses queries sent to the wrapped encoder
 * @param passageEntries vectors in the disk cache
 * @param queryEntries vectors in the query LRU
 */
public record CacheStats(
    long passageHits,
    long passageMisses,
    long queryHits,
    long queryMisses,
    int passageEntries,
    int queryEntries) {}
