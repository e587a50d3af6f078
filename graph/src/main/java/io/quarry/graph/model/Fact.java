package io.quarry.graph.model;

/**
 * A relation between two entities, stated by one passage (its evidence) on the document's date.
 *
 * @param source the first entity's key
 * @param target the second entity's key
 * @param type {@link #CO_OCCURS} when the two are named in one sentence, else the predicate an LLM
 *     extracted ({@code founded}, {@code born_in}, ...)
 */
public record Fact(String source, String target, String type) {

  public static final String CO_OCCURS = "co_occurs";

  public Fact {
    type = type == null || type.isBlank() ? CO_OCCURS : type;
  }
}
