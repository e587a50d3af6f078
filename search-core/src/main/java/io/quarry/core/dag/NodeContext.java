package io.quarry.core.dag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node attempt gets: the outputs of its inputs that delivered, the names of those that did
 * not (with why), its cancel flag and its attempt number.
 */
public final class NodeContext {

  private final Map<String, Object> inputs;
  private final Map<String, String> missing;
  private final Cancellation cancellation;
  private final int attempt;

  NodeContext(Map<String, Object> inputs, Map<String, String> missing, Cancellation cancellation, int attempt) {
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    this.missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    this.cancellation = cancellation;
    this.attempt = attempt;
  }

  /** A context with no inputs, for running a node's task outside a DAG (tests). */
  public static NodeContext of(Map<String, Object> inputs) {
    return new NodeContext(inputs, Map.of(), Cancellation.NONE, 1);
  }

  /**
   * The output of input {@code name}.
   *
   * @throws IllegalStateException when that input did not deliver (only accepted inputs can be
   *     missing)
   */
  public <T> T input(String name, Class<T> type) {
    Object o = inputs.get(name);
    if (o == null) {
      throw new IllegalStateException("input '" + name + "' did not deliver: " + missing.get(name));
    }
    return type.cast(o);
  }

  /** Outputs of the inputs that delivered, in declaration order. */
  public Map<String, Object> inputs() {
    return inputs;
  }

  /** Inputs that did not deliver, with the reason. */
  public Map<String, String> missing() {
    return missing;
  }

  public Cancellation cancellation() {
    return cancellation;
  }

  /** 1 for the first attempt. */
  public int attempt() {
    return attempt;
  }
}
