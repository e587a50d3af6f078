package io.quarry.core.dag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, validated graph of {@link Node}s: names unique, every input defined, no cycles.
 * Run it with {@link DagExecutor}.
 */
public final class Dag {

  private final Map<String, Node> nodes;
  private final Map<String, List<String>> dependants;

  private Dag(Map<String, Node> nodes) {
    this.nodes = Collections.unmodifiableMap(nodes);
    Map<String, List<String>> deps = new HashMap<>();
    nodes.values().forEach(n -> n.inputs().forEach(i -> deps.computeIfAbsent(i, k -> new ArrayList<>()).add(n.name())));
    this.dependants = deps;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Nodes in insertion order. */
  public Map<String, Node> nodes() {
    return nodes;
  }

  /** Names of the nodes that take {@code name} as an input. */
  public List<String> dependants(String name) {
    return dependants.getOrDefault(name, List.of());
  }

  /** Collects nodes; {@link #build} validates. */
  public static final class Builder {
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    public Builder add(Node node) {
      if (nodes.putIfAbsent(node.name(), node) != null) {
        throw new IllegalArgumentException("illegal dag: node '" + node.name() + "' is defined twice");
      }
      return this;
    }

    public boolean contains(String name) {
      return nodes.containsKey(name);
    }

    /**
     * @throws IllegalArgumentException naming an undefined input or a node on a cycle
     */
    public Dag build() {
      for (Node n : nodes.values()) {
        for (String in : n.inputs()) {
          if (!nodes.containsKey(in)) {
            throw new IllegalArgumentException("illegal dag: node '" + n.name() + "' takes undefined input '" + in + "'");
          }
        }
      }
      Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
      for (String name : nodes.keySet()) {
        visit(name, state);
      }
      return new Dag(new LinkedHashMap<>(nodes));
    }

    private void visit(String name, Map<String, Integer> state) {
      Integer s = state.get(name);
      if (s != null && s == 2) {
        return;
      }
      if (s != null) {
        throw new IllegalArgumentException("illegal dag: node '" + name + "' is on a cycle");
      }
      state.put(name, 1);
      nodes.get(name).inputs().forEach(i -> visit(i, state));
      state.put(name, 2);
    }
  }
}
