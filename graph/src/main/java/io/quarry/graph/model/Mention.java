package io.quarry.graph.model;

import java.util.Objects;

/**
 * A passage names an entity.
 *
 * @param key the entity's key ({@link EntityKeys#of})
 * @param name the surface form in the passage (kept as an alias of the entity)
 * @param type {@link #TITLE} for a document's own title or a passage naming another document's
 *     title, {@link #PROPER} for a proper-noun phrase, {@link #NOUN} for a common-noun phrase, or
 *     the type an LLM gave ({@code person}, {@code organization}, ...)
 */
public record Mention(String key, String name, String type) {

  public static final String TITLE = "title";
  public static final String PROPER = "proper";
  public static final String NOUN = "noun";

  public Mention {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("illegal mention: blank key for '" + name + "'");
    }
    name = name == null || name.isBlank() ? key : name;
    type = type == null || type.isBlank() ? PROPER : type;
  }

  /** A document's own title as a mention of each of its passages, or null when it has no key. */
  public static Mention ownTitle(String title) {
    String key = EntityKeys.of(title);
    return key.isEmpty() ? null : new Mention(key, title, TITLE);
  }

  /** A mention of {@code name} under its own key. */
  public static Mention of(String name, String type) {
    return new Mention(EntityKeys.of(name), name, type);
  }
}
