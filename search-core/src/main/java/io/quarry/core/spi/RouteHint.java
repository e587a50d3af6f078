package io.quarry.core.spi;

/**
 * A component that can tell, from the text alone, that the deep path would answer a question
 * better than the fast path (the graph, for a question that names several of its entities). Asked
 * by {@code mode=auto} when its own reading of the question would stay fast; cheap, no search.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface RouteHint {

  /** Why {@code text} should go deep, in a few words, or null for no opinion. */
  String deepReason(String text);
}
