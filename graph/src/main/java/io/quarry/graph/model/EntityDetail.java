package io.quarry.graph.model;

import java.time.LocalDate;
import java.util.List;

/**
 * One entity with what it is connected to.
 *
 * @param entity the entity
 * @param neighbours related entities, strongest first
 * @param relations the relations it takes part in, each with its evidence and date
 * @param documents ids of the documents that mention it
 */
public record EntityDetail(EntitySummary entity, List<Neighbour> neighbours, List<Relation> relations,
    List<String> documents) {
  public EntityDetail {
    neighbours = List.copyOf(neighbours);
    relations = List.copyOf(relations);
    documents = List.copyOf(documents);
  }

  /**
   * @param key the neighbour's key
   * @param name its display name
   * @param kind {@code relation} or {@code synonym}
   * @param weight how many passages relate the two (1 for a synonym)
   */
  public record Neighbour(String key, String name, String kind, double weight) {}

  /**
   * @param source the first entity's key
   * @param target the second entity's key
   * @param type {@link Fact#CO_OCCURS} or a typed predicate
   * @param passage the evidence passage ({@code documentId#ordinal})
   * @param date the evidence document's date, or null
   */
  public record Relation(String source, String target, String type, String passage, LocalDate date) {}
}
