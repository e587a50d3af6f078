package io.quarry.core.dag;

import java.util.List;
import java.util.Map;

/**
 * Everything a run produced.
 *
 * @param outcomes every node's outcome, by name, in DAG order
 * @param trace every node's trace, in order of start
 * @param deadlineExpired whether the deadline fired before all deadline-bound nodes ended
 * @param elapsedMs wall time of the run
 */
public record DagResult(Map<String, NodeOutcome> outcomes, List<NodeTrace> trace,
    boolean deadlineExpired, double elapsedMs) {

  public NodeOutcome outcome(String node) {
    NodeOutcome o = outcomes.get(node);
    if (o == null) {
      throw new IllegalArgumentException("no node '" + node + "' in this run");
    }
    return o;
  }
}
