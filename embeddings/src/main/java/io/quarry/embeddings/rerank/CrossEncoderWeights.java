package io.quarry.embeddings.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.quarry.embeddings.rerank.CrossEncoderConfig.Family;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tensors of a sequence-classification checkpoint, read from {@code model.safetensors} with
 * DJL's {@code NDList.decode} and checked against the config: every tensor the forward pass needs
 * must be present with the expected shape; half-precision tensors are widened to float32.
 *
 * <p>Names are matched after removing the usual prefixes ({@code bert.}, {@code roberta.}) and
 * mapping TF-era LayerNorm names ({@code gamma}/{@code beta}) to {@code weight}/{@code bias}. Extra
 * tensors (e.g. {@code embeddings.position_ids}) are ignored. Linear weights keep the Hugging Face
 * {@code [out, in]} layout, which is what {@code torch.nn.functional.linear} expects.
 *
 * <p>Immutable once loaded; the arrays belong to the manager they were decoded into.
 */
final class CrossEncoderWeights {

  /** One encoder layer. */
  record Layer(
      NDArray queryW, NDArray queryB, NDArray keyW, NDArray keyB, NDArray valueW, NDArray valueB,
      NDArray attnOutW, NDArray attnOutB, NDArray attnNormW, NDArray attnNormB,
      NDArray interW, NDArray interB, NDArray outW, NDArray outB, NDArray outNormW, NDArray outNormB) {}

  final NDArray wordEmbeddings;
  final NDArray positionEmbeddings;
  final NDArray typeEmbeddings;
  final NDArray embNormW;
  final NDArray embNormB;
  final List<Layer> layers;
  /** BERT's pooler dense, or RoBERTa's {@code classifier.dense}. */
  final NDArray poolerW;
  final NDArray poolerB;
  /** BERT's {@code classifier}, or RoBERTa's {@code classifier.out_proj}. */
  final NDArray classifierW;
  final NDArray classifierB;

  private CrossEncoderWeights(CrossEncoderConfig c, Map<String, NDArray> t) {
    int h = c.hiddenSize();
    Lookup in = new Lookup(t);
    wordEmbeddings = in.get("embeddings.word_embeddings.weight", c.vocabSize(), h);
    positionEmbeddings = in.get("embeddings.position_embeddings.weight", c.maxPositions(), h);
    typeEmbeddings = in.get("embeddings.token_type_embeddings.weight", c.typeVocabSize(), h);
    embNormW = in.get("embeddings.LayerNorm.weight", h);
    embNormB = in.get("embeddings.LayerNorm.bias", h);
    List<Layer> ls = new ArrayList<>(c.layers());
    for (int i = 0; i < c.layers(); i++) {
      String p = "encoder.layer." + i + ".";
      int m = c.intermediateSize();
      ls.add(new Layer(
          in.get(p + "attention.self.query.weight", h, h), in.get(p + "attention.self.query.bias", h),
          in.get(p + "attention.self.key.weight", h, h), in.get(p + "attention.self.key.bias", h),
          in.get(p + "attention.self.value.weight", h, h), in.get(p + "attention.self.value.bias", h),
          in.get(p + "attention.output.dense.weight", h, h), in.get(p + "attention.output.dense.bias", h),
          in.get(p + "attention.output.LayerNorm.weight", h), in.get(p + "attention.output.LayerNorm.bias", h),
          in.get(p + "intermediate.dense.weight", m, h), in.get(p + "intermediate.dense.bias", m),
          in.get(p + "output.dense.weight", h, m), in.get(p + "output.dense.bias", h),
          in.get(p + "output.LayerNorm.weight", h), in.get(p + "output.LayerNorm.bias", h)));
    }
    layers = List.copyOf(ls);
    String head = c.family() == Family.ROBERTA ? "classifier.dense." : "pooler.dense.";
    String out = c.family() == Family.ROBERTA ? "classifier.out_proj." : "classifier.";
    poolerW = in.get(head + "weight", h, h);
    poolerB = in.get(head + "bias", h);
    classifierW = in.get(out + "weight", c.numLabels(), h);
    classifierB = in.get(out + "bias", c.numLabels());
  }

  /**
   * Reads {@code model.safetensors} into {@code manager} (on its device) and checks it.
   *
   * @throws IOException if the file is missing or unreadable, or a tensor is missing or misshapen;
   *     the message names the tensor
   */
  static CrossEncoderWeights load(Path safetensors, CrossEncoderConfig config, NDManager manager)
      throws IOException {
    if (!Files.isRegularFile(safetensors)) {
      throw new IOException("no " + safetensors.getFileName() + " at " + safetensors);
    }
    NDList list;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(safetensors), 1 << 20)) {
      list = NDList.decode(manager, in);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException("cannot read " + safetensors + " as safetensors: " + e.getMessage(), e);
    }
    try {
      return new CrossEncoderWeights(config, normalize(list));
    } catch (IllegalArgumentException e) {
      list.close();
      throw new IOException("illegal checkpoint " + safetensors + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every tensor the forward pass uses, under its Hugging Face {@code BertForSequenceClassification}
   * name ({@code bert.} prefix, {@code classifier.}), in checkpoint order: what a trainer updates and
   * saves. Only for the BERT family; the arrays are the live weights, not copies.
   *
   * @throws IllegalStateException for a RoBERTa-family checkpoint
   */
  Map<String, NDArray> bertParameters(CrossEncoderConfig c) {
    if (c.family() == Family.ROBERTA) {
      throw new IllegalStateException("only BERT-family checkpoints are trained here, not " + c.family());
    }
    Map<String, NDArray> out = new LinkedHashMap<>();
    out.put("bert.embeddings.word_embeddings.weight", wordEmbeddings);
    out.put("bert.embeddings.position_embeddings.weight", positionEmbeddings);
    out.put("bert.embeddings.token_type_embeddings.weight", typeEmbeddings);
    out.put("bert.embeddings.LayerNorm.weight", embNormW);
    out.put("bert.embeddings.LayerNorm.bias", embNormB);
    for (int i = 0; i < layers.size(); i++) {
      String p = "bert.encoder.layer." + i + ".";
      Layer l = layers.get(i);
      out.put(p + "attention.self.query.weight", l.queryW());
      out.put(p + "attention.self.query.bias", l.queryB());
      out.put(p + "attention.self.key.weight", l.keyW());
      out.put(p + "attention.self.key.bias", l.keyB());
      out.put(p + "attention.self.value.weight", l.valueW());
      out.put(p + "attention.self.value.bias", l.valueB());
      out.put(p + "attention.output.dense.weight", l.attnOutW());
      out.put(p + "attention.output.dense.bias", l.attnOutB());
      out.put(p + "attention.output.LayerNorm.weight", l.attnNormW());
      out.put(p + "attention.output.LayerNorm.bias", l.attnNormB());
      out.put(p + "intermediate.dense.weight", l.interW());
      out.put(p + "intermediate.dense.bias", l.interB());
      out.put(p + "output.dense.weight", l.outW());
      out.put(p + "output.dense.bias", l.outB());
      out.put(p + "output.LayerNorm.weight", l.outNormW());
      out.put(p + "output.LayerNorm.bias", l.outNormB());
    }
    out.put("bert.pooler.dense.weight", poolerW);
    out.put("bert.pooler.dense.bias", poolerB);
    out.put("classifier.weight", classifierW);
    out.put("classifier.bias", classifierB);
    return out;
  }

  /** Maps checkpoint names to the canonical names the forward pass looks up. */
  static String canonicalName(String name) {
    String n = name;
    for (String prefix : List.of("bert.", "roberta.")) {
      if (n.startsWith(prefix)) {
        n = n.substring(prefix.length());
        break;
      }
    }
    if (n.contains("LayerNorm.")) {
      n = n.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias");
    }
    return n;
  }

  private static Map<String, NDArray> normalize(NDList list) {
    Map<String, NDArray> out = new HashMap<>();
    for (NDArray a : list) {
      String name = canonicalName(a.getName());
      NDArray f = a;
      DataType type = a.getDataType();
      if (type == DataType.FLOAT16 || type == DataType.BFLOAT16 || type == DataType.FLOAT64) {
        f = a.toType(DataType.FLOAT32, false);
        a.close();
      }
      if (out.put(name, f) != null) {
        throw new IllegalArgumentException("duplicate tensor " + name);
      }
    }
    return out;
  }

  private record Lookup(Map<String, NDArray> tensors) {

    NDArray get(String name, long... shape) {
      NDArray a = tensors.get(name);
      if (a == null) {
        throw new IllegalArgumentException("missing tensor " + name + " (found "
            + new TreeSet<>(tensors.keySet()).stream().limit(8).toList() + "...)");
      }
      if (a.getDataType() != DataType.FLOAT32) {
        throw new IllegalArgumentException("tensor " + name + " has type " + a.getDataType() + ", must be floating point");
      }
      if (!a.getShape().equals(new Shape(shape))) {
        throw new IllegalArgumentException("tensor " + name + " has shape " + a.getShape()
            + ", config.json implies " + new Shape(shape));
      }
      return a;
    }
  }
}
