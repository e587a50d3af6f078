package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pooler and classifier on weights small enough to work out by hand (hidden size 2).
 *
 * <pre>
 * first-token states   row 0: h = [1, 0]            row 1: h = [0.5, -1]
 * pooler  W = [[1, 2], [0, -1]]  (HF layout [out, in]),  b = [0, 0.5]
 *   W h + b            row 0: [1, 0.5]              row 1: [0.5 - 2, 1 + 0.5] = [-1.5, 1.5]
 *   tanh               row 0: [0.7615942, 0.4621172] row 1: [-0.9051483, 0.9051483]
 * one label:  C = [[2, -1]], c = [0.25]
 *   logit              row 0: 1.5231883 - 0.4621172 + 0.25 = 1.3110712
 *                      row 1: -1.8102965 - 0.9051483 + 0.25 = -2.4654448
 * two labels: C = [[1, 0], [0, 3]], c = [0, -1]; the score is label 1's logit, 3 p1 - 1
 *                      row 0: 3 * 0.4621172 - 1 = 0.3863515
 *                      row 1: 3 * 0.9051483 - 1 = 1.7154448
 * </pre>
 *
 * The second token of each row ([5, 5] and [-7, 3]) must not matter: only the first is pooled.
 */
class HeadArithmeticTest {

  private static final float[] HIDDEN = {1, 0, 5, 5, 0.5f, -1, -7, 3};

  @Test
  void should_pool_the_first_token_and_apply_the_classifier_when_one_label(@TempDir Path dir) throws Exception {
    TinyCheckpoint c = withPooler(TinyCheckpoint.bert(2, 1, 1, 1))
        .put("classifier.weight", new long[] {1, 2}, 2, -1)
        .put("classifier.bias", new long[] {1}, 0.25f);
    try (SafetensorsModel model = SafetensorsModel.load(c.writeTo(dir), Device.cpu());
        NDManager m = model.manager().newSubManager()) {
      NDArray pooled = model.forward().pooled(m.create(HIDDEN, new Shape(2, 2, 2)));
      assertArrayEquals(new float[] {0.7615942f, 0.4621172f, -0.9051483f, 0.9051483f}, pooled.toFloatArray(), 1e-6f);
      NDArray logits = model.forward().logits(pooled);
      assertArrayEquals(new float[] {1.3110712f, -2.4654448f}, logits.toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {1.3110712f, -2.4654448f}, model.forward().scoreOf(logits).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void should_score_with_the_logit_of_label_1_when_two_labels(@TempDir Path dir) throws Exception {
    TinyCheckpoint c = withPooler(TinyCheckpoint.bert(2, 1, 2, 2))
        .put("classifier.weight", new long[] {2, 2}, 1, 0, 0, 3)
        .put("classifier.bias", new long[] {2}, 0, -1);
    try (SafetensorsModel model = SafetensorsModel.load(c.writeTo(dir), Device.cpu());
        NDManager m = model.manager().newSubManager()) {
      NDArray logits = model.forward().logits(model.forward().pooled(m.create(HIDDEN, new Shape(2, 2, 2))));
      assertArrayEquals(new float[] {0.7615942f, 0.3863515f, -0.9051483f, 1.7154448f}, logits.toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {0.3863515f, 1.7154448f}, model.forward().scoreOf(logits).toFloatArray(), 1e-6f);
    }
  }

  private static TinyCheckpoint withPooler(TinyCheckpoint c) {
    return c.put("bert.pooler.dense.weight", new long[] {2, 2}, 1, 2, 0, -1)
        .put("bert.pooler.dense.bias", new long[] {2}, 0, 0.5f);
  }
}
