package io.quarry.server.config;

import io.quarry.core.fusion.FusionMethod;
import io.quarry.core.query.QueryVariants;
import io.quarry.core.search.deep.DeepSettings;
import java.time.Duration;

/** Reads the {@code deep.*} keys into search-core's {@link DeepSettings}. */
final class DeepConfig {

  private DeepConfig() {}

  private static String kinds(java.util.Set<QueryVariants.Kind> kinds) {
    return kinds.stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).sorted()
        .collect(java.util.stream.Collectors.joining(","));
  }

  static DeepSettings from(Settings s) {
    DeepSettings d = DeepSettings.DEFAULT;
    return new DeepSettings(
        s.integer("deep.candidates", d.candidates(), 1, 10_000),
        s.integer("deep.max_variants", d.maxVariants(), 1, 16),
        s.number("deep.variant_weight", d.variantWeight(), 0, 100),
        s.parsed("deep.fusion", d.fusion().wireName(), FusionMethod::parse),
        s.integer("deep.rrf.k", d.rrfK(), 0, 10_000),
        Duration.ofMillis(s.longValue("deep.deadline_ms", d.deadline().toMillis(), 1, 600_000)),
        Duration.ofMillis(s.longValue("deep.max_deadline_ms", d.maxDeadline().toMillis(), 1, 600_000)),
        s.integer("deep.attempts", d.attempts(), 1, 10),
        Duration.ofMillis(s.longValue("deep.backoff_ms", d.backoff().toMillis(), 0, 60_000)),
        s.bool("rerank.enabled", d.rerank()),
        s.integer("rerank.window", RerankConfig.defaultWindow(s, d.rerankWindow()), 1, 1000),
        s.parsed("deep.variants", kinds(d.variantKinds()), QueryVariants.Kind::parseAll),
        new DeepSettings.Hop2(
            s.bool("deep.hop2.enabled", d.hop2().enabled()),
            s.integer("deep.hop2.docs", d.hop2().docs(), 1, 50),
            s.integer("deep.hop2.queries", d.hop2().queries(), 1, 20),
            s.number("deep.hop2.weight", d.hop2().weight(), 0, 100),
            s.choice("deep.hop2.query", d.hop2().chain() ? "chain" : "entities", "chain", "entities").equals("chain")));
  }
}
