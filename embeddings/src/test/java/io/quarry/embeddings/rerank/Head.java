package io.quarry.embeddings.rerank;

import io.quarry.embeddings.rerank.Safetensors.F32;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A BERT checkpoint's pooler and one-label classifier, read straight from {@code
 * model.safetensors} and applied in plain Java (double accumulation): the reference the reranker's
 * scores are checked against. Test fixture.
 */
record Head(int hidden, float[] poolerW, float[] poolerB, float[] classifierW, float classifierB) {

  static Head read(Path dir) throws IOException {
    Map<String, F32> t = Safetensors.read(dir.resolve(SafetensorsModel.WEIGHTS_FILE));
    float[] pb = t.get("bert.pooler.dense.bias").values();
    return new Head(pb.length, t.get("bert.pooler.dense.weight").values(), pb,
        t.get("classifier.weight").values(), t.get("classifier.bias").values()[0]);
  }

  /** classifier(tanh(pooler(cls))): the logit of the single label. */
  float score(float[] cls) {
    double logit = classifierB;
    for (int o = 0; o < hidden; o++) {
      double sum = poolerB[o];
      for (int i = 0; i < hidden; i++) {
        sum += (double) poolerW[o * hidden + i] * cls[i];
      }
      logit += classifierW[o] * Math.tanh(sum);
    }
    return (float) logit;
  }
}
