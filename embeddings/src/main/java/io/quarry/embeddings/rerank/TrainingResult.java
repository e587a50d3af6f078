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

  /** Pairs per second of this run's training steps. */
  public double pairsPerSecond() {
    double trainSeconds = epochs.stream().skip(resumedAfter).mapToDouble(Epoch::trainSeconds).sum();
    return trainSeconds > 0 ? pairs / trainSeconds : 0;
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
