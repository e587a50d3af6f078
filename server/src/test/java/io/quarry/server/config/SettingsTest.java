package io.quarry.server.config;

import io.quarry.core.fusion.FusionMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.search.SearchSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @TempDir Path dir;

  @Test
  void should_apply_file_then_env_then_overrides() throws Exception {
    Path yaml = dir.resolve("quarry.yaml");
    Files.writeString(yaml, """
        search:
          fusion: rrf
          rrf:
            k: 10
        index.bm25.k1: 1.2
        """);
    Settings s = Settings.load(yaml, Map.of("QUARRY_SEARCH_RRF_K", "20", "PATH", "/bin"),
        Map.of("index.bm25.k1", "1.5"));
    QuarryConfig c = QuarryConfig.from(s);
    assertEquals(FusionMethod.RRF, c.search().fusion());
    assertEquals(20, c.search().rrfK());
    assertEquals(1.5f, c.index().bm25K1());
    assertEquals("rrf (file)", s.resolved().get("search.fusion"));
    assertEquals("1.5 (default)", s.resolved().get("search.weights.vector"));
    assertEquals("20 (env QUARRY_SEARCH_RRF_K)", s.resolved().get("search.rrf.k"));
    assertEquals("1.5 (set)", s.resolved().get("index.bm25.k1"));
    assertEquals("0.4 (default)", s.resolved().get("index.bm25.b"));
    assertEquals("0.4", s.values().get("index.bm25.b"));
  }

  @Test
  void should_reject_an_unknown_key_and_suggest_the_closest() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuarryConfig.from(Settings.of(Map.of("search.fuson", "rrf"))));
    assertTrue(e.getMessage().startsWith("unknown configuration key 'search.fuson' (did you mean 'search.fusion'?)"),
        e.getMessage());
  }

  @Test
  void should_only_report_unknown_environment_variables() {
    Settings s = Settings.load(null, Map.of("QUARRY_NOT_A_KEY", "1"), Map.of());
    QuarryConfig.from(s);
    assertEquals(List.of("QUARRY_NOT_A_KEY"), s.checkAllUsed());
  }

  @Test
  void should_name_key_and_range_for_a_bad_value() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuarryConfig.from(Settings.of(Map.of("search.rrf.k", "-1"))));
    assertEquals("illegal search.rrf.k: -1, must be in 0..10000", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> QuarryConfig.from(Settings.of(Map.of("index.vectors", "maybe"))));
    assertEquals("illegal index.vectors: 'maybe', must be true or false", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> QuarryConfig.from(Settings.of(Map.of("search.fusion", "max"))));
    assertEquals("illegal search.fusion: 'max', must be one of rrf, score", e.getMessage());
  }

  @Test
  void should_name_key_and_accepted_values_for_every_enumerated_key() {
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("deep.hop2.query", "illegal deep.hop2.query: 'bridge', must be one of chain, entities");
    bad.put("deep.fusion", "illegal deep.fusion: 'bridge', must be one of rrf, score");
    bad.put("freshness.strategy", "illegal freshness.strategy: 'bridge', must be one of none, vector_date_filter, dual_pass, recency_decay");
    bad.put("freshness.undated", "illegal freshness.undated: 'bridge', must be one of keep, exclude");
    bad.put("freshness.auto_mode", "illegal freshness.auto_mode: 'bridge', must be one of fast, deep, auto");
    bad.put("rerank.device", "illegal rerank.device: bridge, must be one of auto, cpu, gpu");
    bad.put("deep.variants", "illegal deep.variants: 'bridge', must be among pair, clause, entity, keywords");
    bad.forEach((key, message) -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> QuarryConfig.from(Settings.of(Map.of(key, "bridge"))), key);
      assertEquals(message, e.getMessage());
    });
  }

  @Test
  void should_give_every_leg_a_flag_and_a_weight() {
    QuarryConfig c = QuarryConfig.from(Settings.of(Map.of("search.weights.catalogue", "0.5",
        "search.legs.catalogue", "false", "search.weights.graph", "2")), java.util.List.of("catalogue"));
    assertEquals(0.5, c.search().weights().get("catalogue"));
    assertEquals(2.0, c.search().weights().get("graph")); // the graph's keys always exist
    assertEquals(java.util.Set.of("bm25", "vector", "graph"), c.search().legs());
    // a leg the engine does not build has no keys: its key is unknown
    assertThrows(IllegalArgumentException.class,
        () -> QuarryConfig.from(Settings.of(Map.of("search.weights.catalogue", "0.5"))));
  }

  @Test
  void should_switch_legs_off_by_flag() {
    QuarryConfig c = QuarryConfig.from(Settings.of(Map.of("search.legs.vector", "false", "search.legs.graph", "false")));
    assertEquals(java.util.Set.of("bm25"), c.search().legs());
  }
}
