package io.quarry.embeddings.rerank;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run did.
 *
 * @param best the checkpoint directory of the best epoch (by validation score)
 * @param bestEpoch its epoch, 1-based
 * @param epochs every epoch run, this run or before a resume
 * @param resumedAfter epochs already done when this run started (0 for a fresh run)
 * @param stoppedEarly whether patience ran out before the last epoch
 * @param seconds training time of this run (steps and validation), excluding loading
 * @param pairs pairs trained on in this run
 */
public record TrainingResult(Path best, int bestEpoch, List<Epoch> epochs, int resumedAfter,
    boolean stoppedEarly, double seconds, long pairs) {

  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** Pairs per second of every epoch's training steps, this run's and those before a resume. */
  public double pairsPerSecond() {
    double seconds = trainSeconds();
    return seconds > 0 ? epochs.stream().mapToLong(Epoch::pairs).sum() / seconds : 0;
  }

  /** Seconds in training steps over every epoch, this run's and those before a resume. */
  public double trainSeconds() {
    return epochs.stream().mapToDouble(Epoch::trainSeconds).sum();
  }

  /** Seconds in validation over every epoch. */
  public double validationSeconds() {
    return epochs.stream().mapToDouble(Epoch::validationSeconds).sum();
  }

  /**
   * One epoch.
   *
   * @param epoch 1-based
   * @param loss mean training loss
   * @param validation the validation score after it (higher is better)
   * @param trainSeconds time in optimizer steps
   * @param validationSeconds time in validation
   * @param pairs pairs trained on
   */
  public record Epoch(int epoch, double loss, double validation, double trainSeconds,
      double validationSeconds, long pairs) {}
}
