package io.quarry.bench.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code run.json} as BENCHMARK.md defines it.
 *
 * @param suite the suite name
 * @param started when the run started, ISO-8601 UTC to the second
 * @param git the repository HEAD sha the runner was started in, or {@code unknown}
 * @param settings the {@code --set key=value} pairs, plus the runner's own choices under
 *     {@code bench.*} keys; sorted by key
 * @param index one entry per set
 * @param results one entry per set, category and mode (peers' rows included)
 * @param peers the peers run beside Quarry ({@code --peers}), or null for none
 */
@JsonPropertyOrder({"suite", "started", "git", "settings", "index", "results", "peers"})
public record RunFile(
    @JsonProperty("suite") String suite,
    @JsonProperty("started") String started,
    @JsonProperty("git") String git,
    @JsonProperty("settings") Map<String, String> settings,
    @JsonProperty("index") List<IndexRow> index,
    @JsonProperty("results") List<ResultRow> results,
    @JsonProperty("peers") @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) PeerReport peers) {

  /** A run without peers. */
  public RunFile(String suite, String started, String git, Map<String, String> settings,
      List<IndexRow> index, List<ResultRow> results) {
    this(suite, started, git, settings, index, results, null);
  }

  public RunFile {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(git, "git");
    settings = java.util.Collections.unmodifiableMap(new TreeMap<>(
        settings == null ? Map.of() : settings));
    index = index == null ? List.of() : List.copyOf(index);
    results = results == null ? List.of() : List.copyOf(results);
  }
}
