package io.quarry.bench.peer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarry.core.spi.PassageEncoder;
import io.quarry.embeddings.onnx.OnnxModelSpec;
import io.quarry.embeddings.onnx.Pooling;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The encoder's reference: the same model, threads and texts through ONNX Runtime directly, as a
 * user would write it (Hugging Face tokenizers, one session with every thread as intra-op
 * threads, fixed-size batches in input order, the model's pooling, normalise). Quarry's encoder
 * should keep at least 0.95 of the best raw throughput.
 *
 * <p>Rounds alternate (Quarry, then each raw batch size, then again, ...) so a machine that
 * slows down mid-way slows both; each side's figure is its median over the rounds.
 */
public final class OnnxRuntimeCheck {

  /** Raw batch sizes tried; the best is the reference. */
  public static final List<Integer> RAW_BATCHES = List.of(1, 8, 32);

  /**
   * What was measured.
   *
   * @param model the model id
   * @param texts texts encoded per round
   * @param threads threads both sides used
   * @param rounds rounds per side
   * @param quarryPerSecond Quarry's encoder, median texts per second
   * @param rawPerSecond raw ONNX Runtime's median per batch size
   * @param rawBest the best of those
   * @param ratio {@code quarryPerSecond / rawBest}
   * @param maxCosineGap the largest {@code 1 - cos} between the two sides' vectors of a text: both
   *     compute the same thing, up to what an int8 model's dynamic (per-batch) activation
   *     quantization moves a vector when its batch-mates differ (a few thousandths)
   */
  @JsonPropertyOrder({"model", "texts", "threads", "rounds", "quarry_per_s", "raw_per_s",
      "raw_best_per_s", "ratio", "max_cosine_gap"})
  public record Result(
      @JsonProperty("model") String model,
      @JsonProperty("texts") int texts,
      @JsonProperty("threads") int threads,
      @JsonProperty("rounds") int rounds,
      @JsonProperty("quarry_per_s") double quarryPerSecond,
      @JsonProperty("raw_per_s") Map<String, Double> rawPerSecond,
      @JsonProperty("raw_best_per_s") double rawBest,
      @JsonProperty("ratio") double ratio,
      @JsonProperty("max_cosine_gap") double maxCosineGap) {}

  private OnnxRuntimeCheck() {}

  /**
   * Measures both sides over {@code texts}.
   *
   * @param quarry a fresh, uncached Quarry encoder over {@code spec} with {@code threads} threads
   */
  public static Result measure(PassageEncoder quarry, OnnxModelSpec spec, int threads,
      List<String> texts, int rounds, PrintStream progress) throws IOException {
    try (Raw raw = new Raw(spec, threads)) {
      // warm both (JIT, ORT's allocator), and check they compute the same vectors
      List<String> warm = texts.subList(0, Math.min(16, texts.size()));
      List<float[]> a = quarry.encodePassages(warm);
      List<float[]> b = raw.encode(warm, 8);
      double gap = 0;
      for (int i = 0; i < a.size(); i++) {
        gap = Math.max(gap, 1 - dot(a.get(i), b.get(i)));
      }
      List<Double> q = new ArrayList<>();
      Map<Integer, List<Double>> r = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        q.add(rate(texts.size(), () -> quarry.encodePassages(texts)));
        for (int batch : RAW_BATCHES) {
          r.computeIfAbsent(batch, x -> new ArrayList<>()).add(rate(texts.size(), () -> raw.encode(texts, batch)));
        }
        progress.printf(Locale.ROOT, "[onnxruntime] round %d/%d: quarry %.1f texts/s, raw %s%n",
            round + 1, rounds, q.getLast(), r.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "b%d %.1f", e.getKey(), e.getValue().getLast()))
                .toList());
      }
      Map<String, Double> rawMedians = new LinkedHashMap<>();
      double best = 0;
      for (Map.Entry<Integer, List<Double>> e : r.entrySet()) {
        double m = median(e.getValue());
        rawMedians.put("batch_" + e.getKey(), round1(m));
        best = Math.max(best, m);
      }
      double qm = median(q);
      return new Result(spec.modelId(), texts.size(), threads, rounds, round1(qm), rawMedians,
          round1(best), Math.round(qm / best * 1000) / 1000.0, gap);
    } catch (OrtException e) {
      throw new IOException("raw ONNX Runtime failed: " + e.getMessage(), e);
    }
  }

  private interface Work {
    Object run() throws Exception;
  }

  private static double rate(int n, Work w) throws IOException {
    long t = System.nanoTime();
    try {
      w.run();
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
    return n / ((System.nanoTime() - t) / 1e9);
  }

  private static double median(List<Double> xs) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** The raw pipeline. */
  private static final class Raw implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Pooling pooling;
    private final boolean tokenTypes;

    Raw(OnnxModelSpec spec, int threads) throws IOException, OrtException {
      try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
        o.setIntraOpNumThreads(threads);
        session = spec.files().openSession(env, o);
      }
      Map<String, String> options = new HashMap<>();
      options.put("truncation", "true");
      options.put("padding", "false");
      options.put("maxLength", Integer.toString(spec.maxLength()));
      tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(spec.files().tokenizerJson()), options);
      pooling = spec.pooling();
      tokenTypes = session.getInputNames().contains("token_type_ids");
    }

    List<float[]> encode(List<String> texts, int batch) throws OrtException {
      List<float[]> out = new ArrayList<>(texts.size());
      for (int from = 0; from < texts.size(); from += batch) {
        List<String> part = texts.subList(from, Math.min(texts.size(), from + batch));
        Encoding[] enc = tokenizer.batchEncode(part);
        int rows = enc.length;
        int len = Arrays.stream(enc).mapToInt(e -> e.getIds().length).max().orElse(0);
        long[] ids = new long[rows * len];
        long[] mask = new long[rows * len];
        long[] types = new long[rows * len];
        for (int i = 0; i < rows; i++) {
          long[] e = enc[i].getIds();
          System.arraycopy(e, 0, ids, i * len, e.length);
          System.arraycopy(enc[i].getTypeIds(), 0, types, i * len, e.length);
          Arrays.fill(mask, i * len, i * len + e.length, 1L);
        }
        long[] shape = {rows, len};
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
          in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
          in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
          if (tokenTypes) {
            in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
          }
          try (OrtSession.Result r = session.run(in)) {
            FloatBuffer h = ((OnnxTensor) r.get(0)).getFloatBuffer();
            int dim = (int) (h.capacity() / ((long) rows * len));
            for (int i = 0; i < rows; i++) {
              float[] v = new float[dim];
              if (pooling == Pooling.CLS) {
                h.get(i * len * dim, v);
              } else {
                int n = 0;
                for (int t = 0; t < len; t++) {
                  if (mask[i * len + t] == 1) {
                    n++;
                    for (int d = 0; d < dim; d++) {
                      v[d] += h.get((i * len + t) * dim + d);
                    }
                  }
                }
                for (int d = 0; d < dim; d++) {
                  v[d] /= Math.max(1, n);
                }
              }
              double norm = 0;
              for (float f : v) {
                norm += f * f;
              }
              float s = (float) (1 / Math.sqrt(Math.max(norm, 1e-24)));
              for (int d = 0; d < dim; d++) {
                v[d] *= s;
              }
              out.add(v);
            }
          }
        } finally {
          in.values().forEach(OnnxTensor::close);
        }
      }
      return out;
    }

    @Override
    public void close() throws OrtException {
      session.close();
      tokenizer.close();
    }
  }
}
