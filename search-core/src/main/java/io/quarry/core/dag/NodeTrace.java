package io.quarry.core.dag;

/**
 * What one node did, for {@code explain} and debug logs.
 *
 * @param node the node's name
 * @param status how it ended
 * @param startMs when its first attempt started, in ms after the run began (-1 if never)
 * @param endMs when it ended, in ms after the run began
 * @param attempts how many times it ran (0 if never)
 * @param outputSize size of its output (list length, ...), 0 when it had none
 * @param reason why it did not deliver (error message, "deadline", upstream node), or null
 */
public record NodeTrace(
    String node, NodeStatus status, double startMs, double endMs, int attempts, int outputSize,
    String reason) {}
