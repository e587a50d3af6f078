package io.quarry.core.dag;

/**
 * How one node of a run ended.
 *
 * @param node the node's name
 * @param status how it ended
 * @param output its output (for {@link NodeStatus#OK} and {@link NodeStatus#FALLBACK}), else null
 * @param reason why it did not deliver, or what its fallback replaced; null when OK
 * @param attempts how many attempts ran
 * @param late whether time is why it did not deliver: it timed out (its own limit, the deadline,
 *     or a dependency's timeout), was skipped at the deadline, or was skipped because a required
 *     input was late; false for a node that delivered or failed
 */
public record NodeOutcome(String node, NodeStatus status, Object output, String reason, int attempts,
    boolean late) {

  /** The output, typed; null when the node did not deliver. */
  public <T> T output(Class<T> type) {
    return output == null ? null : type.cast(output);
  }
}
