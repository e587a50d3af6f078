package io.quarry.server.jobs;

/**
 * One document that failed.
 *
 * @param id the document's id
 * @param reason why, in a sentence
 */
public record JobError(String id, String reason) {}
