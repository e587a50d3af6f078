package io.quarry.embeddings.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A BERT checkpoint's pooler and one-label classifier, read straight from {@code
 * model.safetensors} and applied in plain Java (double accumulation): the reference the reranker's
 * scores are checked against. Test fixture.
 */
record Head(int hidden, float[] poolerW, float[] poolerB, float[] classifierW, float classifierB) {

  static Head read(Path dir) throws IOException {
    byte[] file = Files.readAllBytes(dir.resolve(SafetensorsModel.WEIGHTS_FILE));
    ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = Math.toIntExact(buf.getLong(0));
    JsonNode header = new ObjectMapper().readTree(file, 8, headerLength);
    int dataStart = 8 + headerLength;
    float[] pw = floats(buf, header, "bert.pooler.dense.weight", dataStart);
    float[] pb = floats(buf, header, "bert.pooler.dense.bias", dataStart);
    float[] cw = floats(buf, header, "classifier.weight", dataStart);
    float[] cb = floats(buf, header, "classifier.bias", dataStart);
    return new Head(pb.length, pw, pb, cw, cb[0]);
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

  private static float[] floats(ByteBuffer buf, JsonNode header, String name, int dataStart) throws IOException {
    JsonNode t = header.get(name);
    if (t == null || !"F32".equals(t.path("dtype").asText())) {
      throw new IOException("no F32 tensor " + name);
    }
    int begin = t.path("data_offsets").get(0).asInt();
    int end = t.path("data_offsets").get(1).asInt();
    float[] out = new float[(end - begin) / 4];
    buf.slice(dataStart + begin, end - begin).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
