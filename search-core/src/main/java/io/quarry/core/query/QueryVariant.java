package io.quarry.core.query;

/**
 * Another way to ask the same question, searched by its own legs in deep mode.
 *
 * @param name short id, used in leg names ({@code bm25:keywords}, {@code vector:entity1})
 * @param text the text the legs search
 */
public record QueryVariant(String name, String text) {

  /** The name of the user's own text. */
  public static final String ORIGINAL = "original";

  public QueryVariant {
    if (name == null || name.isBlank() || name.contains(" ")) {
      throw new IllegalArgumentException("illegal variant name: '" + name + "', must be one word");
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("illegal variant text for " + name + ": must not be blank");
    }
  }

  public boolean isOriginal() {
    return ORIGINAL.equals(name);
  }
}
