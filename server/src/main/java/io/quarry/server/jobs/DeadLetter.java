package io.quarry.server.jobs;

import java.time.Instant;

/**
 * A document that failed every attempt, kept with why.
 *
 * @param job the job it came in
 * @param id the document's id
 * @param reason the last failure, in a sentence
 * @param attempts how many times it was tried
 * @param failedAt when it was given up on
 */
public record DeadLetter(String job, String id, String reason, int attempts, Instant failedAt) {}
