package io.quarry.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.bench.backend.BenchMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModeMixTest {

  @Test
  void should_normalise_weights_and_describe_them_parseably() {
    ModeMix m = ModeMix.parse("fast=9, deep=1");
    assertEquals(Map.of(BenchMode.FAST, 0.9, BenchMode.DEEP, 0.1), m.weights());
    assertEquals("fast=0.9,deep=0.1", m.describe());
    assertEquals(m, ModeMix.parse(m.describe()));
    assertEquals("fast=1", ModeMix.parse("fast").describe());
    assertEquals(List.of(BenchMode.DEEP, BenchMode.FAST), ModeMix.parse("deep=1,fast=1,bm25=0").modes());
  }

  @Test
  void should_refuse_what_it_cannot_read() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModeMix.parse("fats=1")).getMessage()
        .contains("illegal mode: 'fats'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModeMix.parse("fast=x")).getMessage()
        .contains("must be mode=weight"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModeMix.parse("fast=-1")).getMessage()
        .contains("must be a number at least 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModeMix.parse("fast=0")).getMessage()
        .contains("sum to 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModeMix.parse("fast,fast")).getMessage()
        .contains("appears twice"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ModeMix.parse(" , ")).getMessage()
        .contains("empty"));
  }

  @Test
  void should_keep_every_prefix_of_the_picks_within_one_of_its_share() {
    ModeMix m = ModeMix.parse("fast=0.7,deep=0.2,bm25=0.1");
    ModeMix.Picker p = m.picker();
    Map<BenchMode, Integer> counts = new EnumMap<>(BenchMode.class);
    for (int n = 1; n <= 1000; n++) {
      counts.merge(p.next(), 1, Integer::sum);
      for (Map.Entry<BenchMode, Double> e : m.weights().entrySet()) {
        double off = counts.getOrDefault(e.getKey(), 0) - e.getValue() * n;
        assertTrue(Math.abs(off) <= 1, e.getKey() + " after " + n + " picks: " + counts);
      }
    }
    assertEquals(Map.of(BenchMode.FAST, 700, BenchMode.DEEP, 200, BenchMode.BM25, 100), counts);
  }
}
