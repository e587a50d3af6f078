package io.quarry.graph.model;

/**
 * An entity a query names, as the store knows it.
 *
 * @param key its key
 * @param name its display name
 * @param type its type ({@link Mention#TITLE} when it is, or names, a document's title)
 * @param passages how many passages mention it (its specificity is the inverse)
 */
public record LinkedEntity(String key, String name, String type, int passages) {

  /** Whether it is the subject of a document: the title of one, or a name a title spells. */
  public boolean isTitle() {
    return Mention.TITLE.equals(type);
  }
}
