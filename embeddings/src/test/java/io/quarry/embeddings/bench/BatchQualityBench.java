package io.quarry.embeddings.bench;

import io.quarry.embeddings.EmbeddingModels;
import io.quarry.embeddings.Vectors;
import io.quarry.embeddings.onnx.OnnxBertEncoder;
import io.quarry.embeddings.onnx.OnnxEncoderConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Does int8 batching change retrieval quality? Embeds a SciFact sub-corpus (every document judged
 * for a train query plus the first N documents) with bge-small-en-v1.5-q at batch 1 and at larger
 * batches, and prints nDCG@10 over the train queries plus how far the document vectors moved.
 *
 * <pre>
 * mvn -B -q -pl embeddings -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED -cp embeddings/target/test-classes:embeddings/target/classes:$(cat /tmp/cp.txt) \
 *   io.quarry.embeddings.bench.BatchQualityBench /work/shared/datasets/beir-scifact 1500 1,16
 * </pre>
 */
public final class BatchQualityBench {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int distractors = Integer.parseInt(args[1]);
    int[] batches = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
    Map<String, String> queries = SciFact.queries(dir.resolve("queries.train.jsonl"));
    Map<String, List<String>> qrels = SciFact.qrels(dir.resolve("qrels/train.tsv"));
    Set<String> judged = new HashSet<>();
    qrels.values().forEach(judged::addAll);
    List<SciFact.Doc> docs = new ArrayList<>();
    List<SciFact.Doc> all = SciFact.corpus(dir.resolve("corpus.jsonl.gz"), Integer.MAX_VALUE);
    for (int i = 0; i < all.size(); i++) {
      if (i < distractors || judged.contains(all.get(i).id())) {
        docs.add(all.get(i));
      }
    }
    List<String> texts = docs.stream().map(SciFact.Doc::text).toList();
    System.out.printf(Locale.ROOT, "%d documents, %d judged queries%n", docs.size(), qrels.size());
    List<float[]> reference = null;
    for (int batch : batches) {
      OnnxEncoderConfig config = OnnxEncoderConfig.defaults().withBatch(batch, batch * 512);
      try (OnnxBertEncoder enc = new OnnxBertEncoder(EmbeddingModels.bgeSmallEnV15Q(), config)) {
        long t0 = System.nanoTime();
        List<float[]> vectors = enc.encodePassages(texts);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double ndcg = 0;
        for (Map.Entry<String, List<String>> q : qrels.entrySet()) {
          ndcg += ndcg10(enc.encodeQuery(queries.get(q.getKey())), vectors, docs, new HashSet<>(q.getValue()));
        }
        String moved = "";
        if (reference == null) {
          reference = vectors;
        } else {
          double min = 1;
          double sum = 0;
          for (int i = 0; i < vectors.size(); i++) {
            double cos = Vectors.dot(reference.get(i), vectors.get(i));
            min = Math.min(min, cos);
            sum += cos;
          }
          moved = String.format(Locale.ROOT, ", cosine to batch %d: mean %.5f min %.5f", batches[0], sum / vectors.size(), min);
        }
        System.out.printf(Locale.ROOT, "batch %2d: nDCG@10 %.4f, %.1f docs/s%s%n", batch, ndcg / qrels.size(),
            docs.size() / seconds, moved);
      }
    }
  }

  private static double ndcg10(float[] q, List<float[]> vectors, List<SciFact.Doc> docs, Set<String> relevant) {
    Integer[] order = new Integer[vectors.size()];
    double[] scores = new double[vectors.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      scores[i] = Vectors.dot(q, vectors.get(i));
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double dcg = 0;
    for (int r = 0; r < 10 && r < order.length; r++) {
      if (relevant.contains(docs.get(order[r]).id())) {
        dcg += 1 / (Math.log(r + 2) / Math.log(2));
      }
    }
    double ideal = 0;
    for (int r = 0; r < Math.min(10, relevant.size()); r++) {
      ideal += 1 / (Math.log(r + 2) / Math.log(2));
    }
    return dcg / ideal;
  }

}
