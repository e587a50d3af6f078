package io.quarry.graph.model;

/**
 * An entity a query names, as the store knows it.
 *
 * @param key its key
 * @param name its display name
 * @param passages how many passages mention it (its specificity is the inverse)
 */
public record LinkedEntity(String key, String name, int passages) {}
