package io.quarry.server.config;

import java.nio.file.Path;

/**
 * The search page.
 *
 * @param enabled {@code web.enabled}: serve {@code /}
 * @param benchRuns {@code web.bench_runs}: a {@code run.json} or the bench's history directory
 *     ({@code runs}, relative to the working directory, by default)
 */
public record WebConfig(boolean enabled, Path benchRuns) {

  static WebConfig from(Settings s) {
    return new WebConfig(s.bool("web.enabled", true), Path.of(s.string("web.bench_runs", "runs")));
  }
}
