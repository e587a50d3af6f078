package io.quarry.embeddings.rerank;

/**
 * How a cross-encoder is trained. Each check names the field.
 *
 * @param epochs passes over the training groups, at most; early stopping may end sooner, in
 *     {@code 1..100}
 * @param groupSize pairs per query in one softmax: the positive and {@code groupSize - 1}
 *     negatives, in {@code 2..64}
 * @param groupsPerStep queries per optimizer step, in {@code 1..256}
 * @param learningRate AdamW's peak learning rate, in {@code (0, 1)}
 * @param warmup share of the steps the learning rate rises linearly over, then decays linearly
 *     to 0, in {@code [0, 1)}
 * @param weightDecay AdamW's decoupled weight decay, in {@code [0, 1)}
 * @param maxLength tokens per (query, passage) pair, special tokens included; the passage side is
 *     truncated, in {@code 16..512}
 * @param patience epochs without a better validation score before stopping, in {@code 1..100}
 * @param seed the seed of every random draw (shuffles and negative draws), so a resumed run sees
 *     the same epochs as an uninterrupted one
 */
public record TrainingOptions(int epochs, int groupSize, int groupsPerStep, float learningRate,
    float warmup, float weightDecay, int maxLength, int patience, long seed) {

  /**
   * The defaults: 4 epochs of groups of 8 (1 positive, 7 negatives), 2 queries a step, peak
   * learning rate 1e-4 after 10% warm-up, weight decay 0.01, 192 tokens, patience 1; the values
   * {@code quarry-bench rerank train} defaults to.
   */
  public static final TrainingOptions DEFAULTS = new TrainingOptions(4, 8, 2, 1e-4f, 0.1f, 0.01f, 192, 1, 13L);

  public TrainingOptions {
    check("epochs", epochs, 1, 100);
    check("groupSize", groupSize, 2, 64);
    check("groupsPerStep", groupsPerStep, 1, 256);
    check("maxLength", maxLength, 16, 512);
    check("patience", patience, 1, 100);
    if (!(learningRate > 0 && learningRate < 1)) {
      throw new IllegalArgumentException("illegal learningRate: " + learningRate + ", must be in (0, 1)");
    }
    if (!(warmup >= 0 && warmup < 1)) {
      throw new IllegalArgumentException("illegal warmup: " + warmup + ", must be in [0, 1)");
    }
    if (!(weightDecay >= 0 && weightDecay < 1)) {
      throw new IllegalArgumentException("illegal weightDecay: " + weightDecay + ", must be in [0, 1)");
    }
  }

  private static void check(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("illegal " + field + ": " + value + ", must be in " + min + ".." + max);
    }
  }

  public TrainingOptions withEpochs(int e) {
    return new TrainingOptions(e, groupSize, groupsPerStep, learningRate, warmup, weightDecay, maxLength, patience, seed);
  }

  public TrainingOptions withGroupSize(int g) {
    return new TrainingOptions(epochs, g, groupsPerStep, learningRate, warmup, weightDecay, maxLength, patience, seed);
  }

  public TrainingOptions withGroupsPerStep(int g) {
    return new TrainingOptions(epochs, groupSize, g, learningRate, warmup, weightDecay, maxLength, patience, seed);
  }

  public TrainingOptions withLearningRate(float lr) {
    return new TrainingOptions(epochs, groupSize, groupsPerStep, lr, warmup, weightDecay, maxLength, patience, seed);
  }

  public TrainingOptions withMaxLength(int m) {
    return new TrainingOptions(epochs, groupSize, groupsPerStep, learningRate, warmup, weightDecay, m, patience, seed);
  }

  public TrainingOptions withPatience(int p) {
    return new TrainingOptions(epochs, groupSize, groupsPerStep, learningRate, warmup, weightDecay, maxLength, p, seed);
  }

  public TrainingOptions withSeed(long s) {
    return new TrainingOptions(epochs, groupSize, groupsPerStep, learningRate, warmup, weightDecay, maxLength, patience, s);
  }
}
