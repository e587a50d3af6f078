package io.quarry.bench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarry.bench.peer.OnnxRuntimeCheck;
import io.quarry.bench.peer.Peers;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}'s {@code peers}: what became of each requested peer, and the figures that are
 * not result rows.
 *
 * @param status one entry per requested peer: ready (with what it is) or skipped (with why)
 * @param hnswRecall100 per set, the mean over queries of the share of the exact scan's top 100
 *     documents that Quarry's {@code vector} mode also returned in its top 100. The exact scan
 *     applies a query's as-of day but not the engine's temporal planning, so on a dated set
 *     whose queries name a time (which narrows Quarry's window) it is a lower bound.
 * @param onnxRuntime the encoder's throughput against raw ONNX Runtime, or null when not run
 */
@JsonPropertyOrder({"status", "hnsw_recall@100", "onnxruntime"})
public record PeerReport(
    @JsonProperty("status") List<Peers.Status> status,
    @JsonProperty("hnsw_recall@100") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> hnswRecall100,
    @JsonProperty("onnxruntime") @JsonInclude(JsonInclude.Include.NON_NULL) OnnxRuntimeCheck.Result onnxRuntime) {

  public PeerReport {
    status = status == null ? List.of() : List.copyOf(status);
    hnswRecall100 = hnswRecall100 == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(hnswRecall100));
  }
}
