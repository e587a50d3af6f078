package io.quarry.graph.model;

import java.util.List;

/**
 * An entity as inspection shows it.
 *
 * @param key its key (the id in {@code /v1/graph/entities/{id}})
 * @param name its display name (the first surface form seen, a title's own spelling first)
 * @param type its type (see {@link Mention#type()})
 * @param aliases every other surface form seen, and near-identical names linked as synonyms
 * @param passages how many passages mention it
 */
public record EntitySummary(String key, String name, String type, List<String> aliases, int passages) {
  public EntitySummary {
    aliases = List.copyOf(aliases);
  }
}
