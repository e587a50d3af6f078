package io.quarry.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.search.deep.DeepSettings;
import io.quarry.embeddings.rerank.RerankCard;
import io.quarry.embeddings.rerank.RerankerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained model's card gives {@code rerank.max_length} and {@code rerank.window} their defaults; the keys win. */
class RerankCardConfigTest {

  @TempDir Path tmp;

  private QuarryConfig config(Map<String, String> extra) {
    Map<String, String> m = new HashMap<>(extra);
    m.put("data.dir", tmp.resolve("data").toString());
    return QuarryConfig.from(Settings.of(m));
  }

  @Test
  void theCardSetsTheDefaultsAndTheKeysOverrideThem() throws Exception {
    Path model = Files.createDirectories(tmp.resolve("model"));
    new RerankCard("minilm", 0.4, 256, 12, Map.of()).write(model);

    QuarryConfig byCard = config(Map.of("rerank.model", model.toString()));
    assertEquals(256, byCard.reranker().maxLength());
    assertEquals(12, byCard.deep().rerankWindow());
    assertNull(byCard.reranker().blendWeight(), "null: the reranker takes the card's share when it loads");

    QuarryConfig byKeys = config(Map.of("rerank.model", model.toString(), "rerank.max_length", "128",
        "rerank.window", "5", "rerank.weight", "0.75"));
    assertEquals(128, byKeys.reranker().maxLength());
    assertEquals(5, byKeys.deep().rerankWindow());
    assertEquals(0.75, byKeys.reranker().blendWeight());
  }

  @Test
  void withoutACardTheDefaultsStand() throws Exception {
    Path model = Files.createDirectories(tmp.resolve("plain"));
    QuarryConfig c = config(Map.of("rerank.model", model.toString()));
    assertEquals(RerankerConfig.DEFAULT_MAX_LENGTH, c.reranker().maxLength());
    assertEquals(DeepSettings.DEFAULT_RERANK_WINDOW, c.deep().rerankWindow());
  }

  @Test
  void aWeightOutOfRangeNamesTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> config(Map.of("rerank.model", tmp.toString(), "rerank.weight", "2")));
    assertTrue(e.getMessage().contains("rerank.weight"), e.getMessage());
  }
}
