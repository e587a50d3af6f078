package io.quarry.core.search;

/**
 * A leg that contributed nothing to a response, and why.
 *
 * @param leg the leg's name
 * @param reason one of {@code timeout}, {@code error}, {@code disabled}, or a short phrase
 */
public record DroppedLeg(String leg, String reason) {}
