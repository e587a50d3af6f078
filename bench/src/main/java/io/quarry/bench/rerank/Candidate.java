package io.quarry.bench.rerank;

/**
 * One first-stage hit of a validation query, as the rerank stage would see it.
 *
 * @param id the document id
 * @param text what the cross-encoder reads (title, newline, passage)
 * @param fused the first stage's score
 */
record Candidate(String id, String text, double fused) {}
