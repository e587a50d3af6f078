package io.quarry.core.index;

import java.time.Instant;

/**
 * Counts and sizes of the index at one point in time.
 *
 * @param documents live documents
 * @param passages live passages
 * @param embeddedPassages passages that carry a vector
 * @param sizeBytes bytes on disk
 * @param lastWrite time of the last committed write, or null for an index never written
 * @param embeddingModel model id the vectors were made with, or null for a BM25-only index
 * @param dimension vector length, 0 for a BM25-only index
 */
public record IndexStats(
    long documents,
    long passages,
    long embeddedPassages,
    long sizeBytes,
    Instant lastWrite,
    String embeddingModel,
    int dimension) {}
