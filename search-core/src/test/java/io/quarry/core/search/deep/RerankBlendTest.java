package io.quarry.core.search.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RerankBlendTest {

  private static final float[] CE = {-3f, 5f, 1f};
  private static final double[] FUSED = {0.030, 0.010, 0.020};

  @Test
  void weightOneIsTheCrossEncoderAloneAndZeroTheFusedOrder() {
    assertArrayEquals(new double[] {0, 1, 0.5}, RerankBlend.scores(CE, FUSED, 1), 1e-12);
    assertArrayEquals(new double[] {1, 0, 0.5}, RerankBlend.scores(CE, FUSED, 0), 1e-12);
  }

  @Test
  void aShareMixesTheScaledScores() {
    // 0.25 * ce' + 0.75 * fused'
    assertArrayEquals(new double[] {0.75, 0.25, 0.5}, RerankBlend.scores(CE, FUSED, 0.25), 1e-12);
  }

  @Test
  void tiedScoresScaleToZero() {
    // the tied cross-encoder scores add nothing; the fused ones still order the pair
    assertArrayEquals(new double[] {0.5, 0}, RerankBlend.scores(new float[] {2f, 2f}, new double[] {1, 0}, 0.5), 1e-12);
  }

  @Test
  void badInputNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RerankBlend.scores(CE, FUSED, 1.5));
    assertEquals("illegal rerank.weight: 1.5, must be in [0, 1]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RerankBlend.scores(CE, new double[2], 0.5));
  }
}
