package io.quarry.embeddings.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.quarry.embeddings.rerank.CrossEncoderConfig.Family;

/**
 * The forward pass of a BERT-family sequence classifier, written in DJL {@link NDArray} operations
 * (each one a libtorch kernel on the PyTorch engine), the same arithmetic as Hugging Face's {@code
 * BertForSequenceClassification} in evaluation mode (dropout off):
 *
 * <ol>
 *   <li>embeddings: word + position + token type, then LayerNorm;
 *   <li>per layer: self-attention over the unmasked tokens ({@code softmax(QK^T / sqrt(d) + mask)
 *       V} per head), dense, residual, LayerNorm; feed-forward dense, activation, dense, residual,
 *       LayerNorm;
 *   <li>pooler: dense + tanh on the first token ([CLS] / {@code <s>});
 *   <li>classifier: linear to {@code num_labels}.
 * </ol>
 *
 * <p>Inputs are right-padded {@code [batch, seq]} int64 arrays; padded positions have attention mask
 * 0 and cannot change the unpadded tokens' states, so a pair scores the same alone or in a batch
 * (up to float rounding). Every result is created from the batch's own arrays (never from a weight
 * as the receiver), so it belongs to the batch's {@link NDManager} and is freed with it.
 *
 * <p>Thread-safe: the weights are only read. Cost: O(layers * batch * seq * hidden * (hidden +
 * seq)) multiply-adds.
 */
final class BertForward {

  /** What masked positions add to attention scores: exp of it is exactly 0 in float32. */
  private static final float MASKED = -Float.MAX_VALUE;

  private final CrossEncoderConfig config;
  private final CrossEncoderWeights w;
  private final Shape hiddenShape;

  BertForward(CrossEncoderConfig config, CrossEncoderWeights weights) {
    this.config = config;
    this.w = weights;
    this.hiddenShape = new Shape(config.hiddenSize());
  }

  CrossEncoderConfig config() {
    return config;
  }

  /** One score per row: the logit for one label, the logit of label 1 for two. */
  NDArray scores(NDArray ids, NDArray mask, NDArray types) {
    return scoreOf(logits(pooled(hiddenStates(ids, mask, types))));
  }

  /** The score column of {@code [batch, num_labels]} logits: label 0 of one, label 1 of two. */
  NDArray scoreOf(NDArray logits) {
    return config.numLabels() == 1 ? logits.reshape(-1) : logits.get(new NDIndex(":, 1"));
  }

  /** The last hidden state, {@code [batch, seq, hidden]}. */
  NDArray hiddenStates(NDArray ids, NDArray mask, NDArray types) {
    NDArray positions = positionIds(mask);
    NDArray x = embed(ids, w.wordEmbeddings)
        .add(embed(positions, w.positionEmbeddings))
        .add(embed(types, w.typeEmbeddings));
    x = norm(x, w.embNormW, w.embNormB);
    // [batch, 1, 1, seq]: 0 where attended, MASKED where padded; broadcast over heads and queries
    NDArray maskBias = mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(MASKED)
        .expandDims(1).expandDims(1);
    for (CrossEncoderWeights.Layer layer : w.layers) {
      x = layer(x, maskBias, layer);
    }
    return x;
  }

  /** The pooled output, {@code [batch, hidden]}: tanh(dense(first token)). */
  NDArray pooled(NDArray hidden) {
    NDArray first = hidden.get(new NDIndex(":, 0, :"));
    return linear(first, w.poolerW, w.poolerB).tanh();
  }

  /** The classifier's logits, {@code [batch, num_labels]}. */
  NDArray logits(NDArray pooled) {
    return linear(pooled, w.classifierW, w.classifierB);
  }

  /**
   * BERT counts positions 0..seq-1 on every row. RoBERTa counts 1..n over the unmasked tokens and
   * adds the padding index (padded tokens get the padding index itself), as {@code
   * create_position_ids_from_input_ids} does; with right padding the unmasked tokens get padIdx+1..
   */
  NDArray positionIds(NDArray mask) {
    if (config.family() == Family.ROBERTA) {
      NDArray m = mask.toType(DataType.INT64, false);
      return m.cumSum(1).mul(m).add((long) config.padTokenId());
    }
    long seq = mask.getShape().get(1);
    return mask.getManager().arange(0, (int) seq, 1, DataType.INT64).expandDims(0)
        .repeat(0, mask.getShape().get(0));
  }

  private NDArray layer(NDArray x, NDArray maskBias, CrossEncoderWeights.Layer l) {
    long batch = x.getShape().get(0);
    long seq = x.getShape().get(1);
    int heads = config.heads();
    int d = config.headSize();
    // [batch, seq, hidden] -> [batch, heads, seq, d]
    NDArray q = linear(x, l.queryW(), l.queryB()).reshape(batch, seq, heads, d).transpose(0, 2, 1, 3);
    NDArray k = linear(x, l.keyW(), l.keyB()).reshape(batch, seq, heads, d).transpose(0, 2, 3, 1);
    NDArray v = linear(x, l.valueW(), l.valueB()).reshape(batch, seq, heads, d).transpose(0, 2, 1, 3);
    NDArray scores = q.matMul(k).mul((float) (1.0 / Math.sqrt(d))).add(maskBias);
    NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3)
        .reshape(batch, seq, config.hiddenSize());
    NDArray attended = norm(linear(context, l.attnOutW(), l.attnOutB()).add(x), l.attnNormW(), l.attnNormB());
    NDArray inner = activation(linear(attended, l.interW(), l.interB()));
    return norm(linear(inner, l.outW(), l.outB()).add(attended), l.outNormW(), l.outNormB());
  }

  private NDArray activation(NDArray x) {
    return switch (config.hiddenAct()) {
      case "gelu" -> Activation.gelu(x); // torch's exact erf form, as HF's "gelu"
      case "relu" -> Activation.relu(x);
      // "gelu_new" / "gelu_pytorch_tanh": 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
      default -> x.pow(3f).mul(0.044715f).add(x).mul((float) Math.sqrt(2 / Math.PI)).tanh().add(1f)
          .mul(x).mul(0.5f);
    };
  }

  private static NDArray embed(NDArray ids, NDArray table) {
    return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return Linear.linear(x, weight, bias).singletonOrThrow();
  }

  private NDArray norm(NDArray x, NDArray gamma, NDArray beta) {
    return LayerNorm.layerNorm(x, hiddenShape, gamma, beta, config.layerNormEps()).singletonOrThrow();
  }
}
