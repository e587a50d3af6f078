package io.quarry.core.dag;

import java.util.List;
import java.util.Objects;

/**
 * A node of a {@link Dag}.
 *
 * @param name unique in its DAG
 * @param requires inputs without which the node cannot run: if one does not deliver, the node is
 *     skipped
 * @param accepts inputs the node waits for but can do without (a merge): it runs once each has
 *     ended, with those that delivered, and sees the others as missing
 * @param task the work
 * @param policy timeout, retries, fallback, deadline exemption
 */
public record Node(String name, List<String> requires, List<String> accepts, NodeTask<?> task,
    NodePolicy policy) {

  public Node {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("illegal node name: must not be blank");
    }
    requires = List.copyOf(requires);
    accepts = List.copyOf(accepts);
    Objects.requireNonNull(task, "task");
    policy = policy == null ? NodePolicy.DEFAULT : policy;
  }

  /** A node with no inputs. */
  public static Node source(String name, NodeTask<?> task, NodePolicy policy) {
    return new Node(name, List.of(), List.of(), task, policy);
  }

  /** Every input, required then accepted. */
  public List<String> inputs() {
    return java.util.stream.Stream.concat(requires.stream(), accepts.stream()).toList();
  }
}
