package io.quarry.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The load's result file ({@code --out}, default {@code load.json}): the settings, one entry per
 * rate with its per-mode figures, and the sweep's verdict. Milliseconds to 3 decimals.
 *
 * <pre>
 * {"server", "started", "git", "suite", "sets", "queries",
 *  "settings": {"mix", "k", "deep_budget_ms", "duration_s", "max_requests", "max_in_flight", "timeout_ms", "warmup"},
 *  "threshold": {"mode", "p99_ms"}, "highest_rate", "skipped_rates",
 *  "runs": [{"rate", "sent", "elapsed_s", "throughput_rps", "stopped_by", "unanswered", "holds",
 *            "send_lag_ms": {...},
 *            "modes": [{"mode", "requests", "ok", "errors", "error_kinds", "partial", "partial_rate",
 *                       "latency_ms": {"count", "p50", "p90", "p99", "p99_9", "max", "mean"},
 *                       "uncorrected_ms": {...}, "server_ms": {...}, "slowest_timings_ms": {...},
 *                       "deadline"?: {"budget_ms", "limit_ms", "p99_ms", "server_p99_ms", "within", "server_within"}}]}]}
 * </pre>
 */
public final class LoadJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LoadJson() {}

  /**
   * @param head the fields before {@code settings} ({@code server}, {@code started}, ...), in order
   * @param settings the settings as given, in order
   */
  public static ObjectNode of(Map<String, Object> head, Map<String, Object> settings, LoadSweep.Outcome o) {
    ObjectNode root = MAPPER.createObjectNode();
    head.forEach((k, v) -> root.set(k, MAPPER.valueToTree(v)));
    root.set("settings", MAPPER.valueToTree(settings));
    ObjectNode t = root.putObject("threshold");
    t.put("mode", o.threshold().mode().wireName());
    t.put("p99_ms", o.threshold().p99Ms());
    if (o.highestRate() == null) {
      root.putNull("highest_rate");
    } else {
      root.put("highest_rate", o.highestRate());
    }
    ArrayNode skipped = root.putArray("skipped_rates");
    o.skipped().forEach(skipped::add);
    ArrayNode runs = root.putArray("runs");
    for (LoadRun r : o.runs()) {
      ObjectNode n = runs.addObject();
      n.put("rate", r.rate());
      n.put("sent", r.sent());
      n.put("elapsed_s", round(r.elapsedSeconds()));
      n.put("throughput_rps", round(r.throughput()));
      n.put("stopped_by", r.stoppedBy());
      n.put("unanswered", r.unanswered());
      n.put("holds", o.threshold().heldBy(r));
      n.set("send_lag_ms", latency(r.sendLag()));
      ArrayNode modes = n.putArray("modes");
      for (ModeStats m : r.modes()) {
        ObjectNode mn = modes.addObject();
        mn.put("mode", m.mode());
        mn.put("requests", m.requests());
        mn.put("ok", m.ok());
        mn.put("errors", m.errors());
        mn.set("error_kinds", MAPPER.valueToTree(m.errorKinds()));
        mn.put("partial", m.partial());
        mn.put("partial_rate", round(m.partialRate()));
        mn.set("latency_ms", latency(m.latency()));
        mn.set("uncorrected_ms", latency(m.uncorrected()));
        mn.set("server_ms", latency(m.server()));
        mn.set("slowest_timings_ms", MAPPER.valueToTree(m.slowest()));
        DeadlineCheck.of(r).stream().filter(c -> c.mode().equals(m.mode())).findFirst().ifPresent(c -> {
          ObjectNode d = mn.putObject("deadline");
          d.put("budget_ms", c.budgetMs());
          d.put("limit_ms", round(c.limitMs()));
          d.put("p99_ms", c.p99Ms());
          d.put("server_p99_ms", c.serverP99Ms());
          d.put("within", c.within());
          d.put("server_within", c.serverWithin());
        });
      }
    }
    return root;
  }

  /** Writes {@code json} to {@code file}, creating parent directories. */
  public static void write(Path file, ObjectNode json) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, MAPPER.writeValueAsString(json) + "\n");
  }

  private static ObjectNode latency(Latency l) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("count", l.count());
    n.put("p50", l.p50Ms());
    n.put("p90", l.p90Ms());
    n.put("p99", l.p99Ms());
    n.put("p99_9", l.p999Ms());
    n.put("max", l.maxMs());
    n.put("mean", l.meanMs());
    return n;
  }

  private static double round(double v) {
    return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).doubleValue();
  }
}
