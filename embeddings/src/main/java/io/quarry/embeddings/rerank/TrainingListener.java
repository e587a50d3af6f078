package io.quarry.embeddings.rerank;

/** What a training run reports as it goes: for a progress bar and a log. */
public interface TrainingListener {

  /**
   * After an optimizer step.
   *
   * @param epoch 1-based
   * @param step 1-based within the epoch
   * @param steps steps in the epoch
   * @param loss the mean loss of the epoch so far
   * @param pairsPerSecond pairs trained per second in the epoch so far
   */
  void step(int epoch, int step, int steps, double loss, double pairsPerSecond);

  /** After an epoch's checkpoint is written and validated. */
  void epoch(TrainingResult.Epoch epoch);

  /** A line of news: resumed, stopped early and the like. */
  void message(String line);

  /** Reports nothing. */
  TrainingListener NONE = new TrainingListener() {
    @Override
    public void step(int epoch, int step, int steps, double loss, double pairsPerSecond) {}

    @Override
    public void epoch(TrainingResult.Epoch epoch) {}

    @Override
    public void message(String line) {}
  };
}
