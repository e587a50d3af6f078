package io.quarry.bench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarry.bench.backend.IndexStats;
import java.util.Objects;

/**
 * One {@code index} entry of {@code run.json}. {@code embed_seconds} is always written (null when
 * the backend cannot observe it); the graph counts only when a graph was built.
 */
@JsonPropertyOrder({"set", "docs", "passages", "index_seconds", "embed_seconds", "graph_nodes",
    "graph_edges"})
public record IndexRow(
    @JsonProperty("set") String set,
    @JsonProperty("docs") long docs,
    @JsonProperty("passages") long passages,
    @JsonProperty("index_seconds") double indexSeconds,
    @JsonProperty("embed_seconds") Double embedSeconds,
    @JsonProperty("graph_nodes") @JsonInclude(JsonInclude.Include.NON_NULL) Long graphNodes,
    @JsonProperty("graph_edges") @JsonInclude(JsonInclude.Include.NON_NULL) Long graphEdges) {

  public IndexRow {
    Objects.requireNonNull(set, "set");
  }

  /** The row for a set from the backend's stats, seconds rounded to 3 decimals. */
  public static IndexRow of(String set, IndexStats s) {
    return new IndexRow(set, s.docs(), s.passages(), Rounding.round(s.indexSeconds(), 3),
        s.embedSeconds() == null ? null : Rounding.round(s.embedSeconds(), 3), s.graphNodes(),
        s.graphEdges());
  }
}
