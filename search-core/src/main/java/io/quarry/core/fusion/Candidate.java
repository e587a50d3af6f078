package io.quarry.core.fusion;

/**
 * One entry of a leg's ranked list.
 *
 * @param key what fusion merges on: the external document id, or {@code id#ordinal} when
 *     searching passages
 * @param score the leg's raw score; higher is better
 * @param doc the Lucene doc id in the request's snapshot (the parent for documents, the child for
 *     passages), or -1 when the leg does not read Lucene
 * @param passageDoc the Lucene doc id of the passage that earned the score, or -1 when the leg
 *     scored the document as a whole
 */
public record Candidate(String key, double score, int doc, int passageDoc) {}
