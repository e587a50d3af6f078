package io.quarry.server.cli;

import io.quarry.server.config.QuarryConfig;
import io.quarry.server.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command shares: where the data lives and how it is configured. */
public final class CommonOptions {

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (index and embedding cache). Default: ./data")
  Path data;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one configuration key, e.g. --set search.fusion=score (repeatable).")
  Map<String, String> set = new LinkedHashMap<>();

  /** Configuration from the file, the environment and the overrides, plus {@code extra}. */
  QuarryConfig config(Map<String, String> extra) {
    Map<String, String> overrides = new LinkedHashMap<>(set);
    if (data != null) {
      overrides.put("data.dir", data.toString());
    }
    overrides.putAll(extra);
    return QuarryConfig.from(Settings.load(config, System.getenv(), overrides));
  }
}
