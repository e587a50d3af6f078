package io.quarry.core.dag;

/** The work of one node: reads its inputs from the context, returns its output. */
@FunctionalInterface
public interface NodeTask<T> {
  T run(NodeContext context) throws Exception;
}
