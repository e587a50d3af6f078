package io.quarry.embeddings.rerank;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarry.embeddings.onnx.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Fine-tunes a BERT-family cross-encoder on judged queries with DJL's training support on the
 * PyTorch engine: autograd through {@link BertForward} (a {@link GradientCollector}), AdamW with
 * a linear warm-up and decay, gradients clipped at 1.
 *
 * <p>The loss is listwise: each query's group (its positive and {@code groupSize - 1} negatives
 * drawn afresh each epoch) is one softmax, and the loss is the positive's negative log
 * probability. A reranker only has to order the candidates of one query, and this is that task.
 *
 * <p>After each epoch the weights are written to {@code work/epoch-N} and scored by the caller's
 * validation (higher is better); {@code work/state.json} records what is done, so a run stopped at
 * any point resumes after its last completed epoch (the optimizer's moments start again from
 * zero; the learning-rate schedule and the data order continue where they were). Training stops
 * when the validation score has not improved for {@code patience} epochs. The result names the
 * best epoch's checkpoint.
 *
 * <p>Runs on a GPU when the engine sees one, else on every CPU core.
 */
public final class CrossEncoderTrainer {

  static final String STATE_FILE = "state.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CrossEncoderTrainer() {}

  /** What {@code state.json} holds: the run's identity and its completed epochs. */
  record State(String fingerprint, List<TrainingResult.Epoch> epochs) {}

  /**
   * Trains from {@code base} (a checkpoint directory) on {@code groups}.
   *
   * @param validation scores a model on held-out judgments, higher is better; called after every
   *     epoch
   * @param work where checkpoints and the state go; a run with the same base, groups and options
   *     resumes from it
   * @throws IOException if the base cannot be read or a checkpoint cannot be written
   * @throws IllegalArgumentException if a group has fewer than {@code groupSize - 1} negatives
   */
  public static TrainingResult train(Path base, List<TrainingGroup> groups, ToDoubleFunction<PairScorer> validation,
      TrainingOptions options, Path work, TrainingListener listener) throws IOException {
    Objects.requireNonNull(validation, "validation");
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("illegal training data: no groups");
    }
    for (TrainingGroup g : groups) {
      if (g.negatives().size() < options.groupSize() - 1) {
        throw new IllegalArgumentException("illegal training group for '" + g.query() + "': "
            + g.negatives().size() + " negatives, the group size " + options.groupSize() + " needs "
            + (options.groupSize() - 1));
      }
    }
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    Files.createDirectories(work);
    String fingerprint = fingerprint(base, groups, options);
    List<TrainingResult.Epoch> done = new ArrayList<>(resume(work, fingerprint));
    Path start = done.isEmpty() ? base : epochDir(work, done.size());
    if (done.size() >= options.epochs()) {
      listener.message("all " + options.epochs() + " epochs are done in " + work + "; nothing to train");
      return result(work, done, done.size(), false, System.nanoTime(), 0);
    }
    if (stale(done, options.patience())) { // an earlier run stopped early: nothing to load either
      listener.message("stopping early: no better validation score for " + options.patience() + " epoch(s)");
      return result(work, done, done.size(), true, System.nanoTime(), 0);
    }
    if (!done.isEmpty()) {
      listener.message("resuming after epoch " + done.size() + " of " + options.epochs() + " from " + start);
    }
    Engine engine = Engine.getEngine(CrossEncoderReranker.ENGINE);
    Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    JniUtils.setNumThreads(Runtime.getRuntime().availableProcessors());
    int stepsPerEpoch = (groups.size() + options.groupsPerStep() - 1) / options.groupsPerStep();
    int totalSteps = stepsPerEpoch * options.epochs();
    int resumedAfter = done.size();
    long started = System.nanoTime();
    long pairs = 0;
    boolean stoppedEarly = false;
    try (TrainableModel model = TrainableModel.load(start, device, options.maxLength())) {
      listener.message(String.format(java.util.Locale.ROOT, "training %,d parameters on %s: %,d queries, %d steps an epoch",
          model.parameterCount(), Devices.describe(device), groups.size(), stepsPerEpoch));
      Optimizer optimizer = Optimizer.adamW()
          .optLearningRateTracker(schedule(options, totalSteps))
          .optWeightDecays(options.weightDecay())
          .optClipGrad(1f)
          .optBeginNumUpdate(resumedAfter * stepsPerEpoch)
          .build();
      for (int epoch = resumedAfter + 1; epoch <= options.epochs(); epoch++) {
        if (stale(done, options.patience())) {
          stoppedEarly = true;
          listener.message("stopping early: no better validation score for " + options.patience() + " epoch(s)");
          break;
        }
        long t0 = System.nanoTime();
        Random random = new Random(options.seed() * 31 + epoch);
        List<TrainingGroup> order = new ArrayList<>(groups);
        Collections.shuffle(order, random);
        double lossSum = 0;
        long epochPairs = 0;
        for (int step = 0; step < stepsPerEpoch; step++) {
          List<TrainingGroup> slice = order.subList(step * options.groupsPerStep(),
              Math.min(order.size(), (step + 1) * options.groupsPerStep()));
          lossSum += step(model, engine, optimizer, slice, options.groupSize(), random);
          epochPairs += (long) slice.size() * options.groupSize();
          double s = (System.nanoTime() - t0) / 1e9;
          listener.step(epoch, step + 1, stepsPerEpoch, lossSum / (step + 1), epochPairs / s);
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Path dir = epochDir(work, epoch);
        model.save(dir, start.resolve(SafetensorsModel.CONFIG_FILE));
        long t1 = System.nanoTime();
        double score = validation.applyAsDouble(model);
        TrainingResult.Epoch e = new TrainingResult.Epoch(epoch, lossSum / stepsPerEpoch, score, trainSeconds,
            (System.nanoTime() - t1) / 1e9, epochPairs);
        done.add(e);
        pairs += epochPairs;
        writeState(work, new State(fingerprint, done));
        listener.epoch(e);
      }
    }
    return result(work, done, resumedAfter, stoppedEarly, started, pairs);
  }

  /** The result naming the best of the {@code done} epochs. */
  private static TrainingResult result(Path work, List<TrainingResult.Epoch> done, int resumedAfter,
      boolean stoppedEarly, long started, long pairs) {
    TrainingResult.Epoch best = done.getFirst();
    for (TrainingResult.Epoch e : done) {
      if (e.validation() > best.validation()) {
        best = e;
      }
    }
    return new TrainingResult(epochDir(work, best.epoch()), best.epoch(), done, resumedAfter, stoppedEarly,
        (System.nanoTime() - started) / 1e9, pairs);
  }

  /** One optimizer step over {@code slice}; returns its mean loss. */
  private static double step(TrainableModel model, Engine engine, Optimizer optimizer, List<TrainingGroup> slice,
      int groupSize, Random random) {
    List<Tokens> rows = new ArrayList<>(slice.size() * groupSize);
    for (TrainingGroup g : slice) {
      List<String> texts = new ArrayList<>(groupSize);
      texts.add(g.positive());
      List<String> negatives = new ArrayList<>(g.negatives());
      Collections.shuffle(negatives, random);
      texts.addAll(negatives.subList(0, groupSize - 1));
      Collections.addAll(rows, model.encode(g.query(), texts));
    }
    try (NDManager batch = model.manager().newSubManager()) {
      float loss;
      try (GradientCollector collector = engine.newGradientCollector()) {
        NDArray scores = model.scores(batch, rows).reshape(slice.size(), groupSize);
        // the positive is column 0 of every group
        NDArray l = scores.logSoftmax(1).get(new NDIndex(":, 0")).neg().mean();
        collector.backward(l);
        loss = l.getFloat();
      }
      for (Map.Entry<String, NDArray> p : model.parameters().entrySet()) {
        NDArray weight = p.getValue();
        NDArray grad = weight.getGradient();
        optimizer.update(p.getKey(), weight, grad);
        grad.subi(grad); // libtorch accumulates gradients; the next step starts from zero
      }
      return loss;
    }
  }

  /** Linear warm-up to the peak rate, then linear decay to 0 at the last step. */
  static Tracker schedule(TrainingOptions options, int totalSteps) {
    int warm = (int) Math.floor(totalSteps * options.warmup());
    float peak = options.learningRate();
    return numUpdate -> {
      if (numUpdate < warm) {
        return peak * (numUpdate + 1) / (warm + 1);
      }
      int left = Math.max(1, totalSteps - warm);
      return Math.max(0f, peak * (1f - (float) (numUpdate - warm) / left));
    };
  }

  private static boolean stale(List<TrainingResult.Epoch> done, int patience) {
    if (done.size() <= patience) {
      return false;
    }
    double bestBefore = done.subList(0, done.size() - patience).stream()
        .mapToDouble(TrainingResult.Epoch::validation).max().orElse(Double.NEGATIVE_INFINITY);
    return done.subList(done.size() - patience, done.size()).stream()
        .allMatch(e -> e.validation() <= bestBefore);
  }

  static Path epochDir(Path work, int epoch) {
    return work.resolve("epoch-" + epoch);
  }

  /** The epochs a previous run with the same fingerprint completed; none when it differs. */
  private static List<TrainingResult.Epoch> resume(Path work, String fingerprint) throws IOException {
    Path file = work.resolve(STATE_FILE);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    State s = JSON.readValue(file.toFile(), State.class);
    if (!fingerprint.equals(s.fingerprint())) {
      throw new IOException(work + " holds a training run of other data or options (" + file
          + "); remove it or choose another directory");
    }
    for (TrainingResult.Epoch e : s.epochs()) {
      if (!Files.isRegularFile(epochDir(work, e.epoch()).resolve(SafetensorsModel.WEIGHTS_FILE))) {
        throw new IOException(file + " records epoch " + e.epoch() + " but its checkpoint is missing");
      }
    }
    return s.epochs();
  }

  private static void writeState(Path work, State state) throws IOException {
    Path tmp = work.resolve(STATE_FILE + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
    Files.move(tmp, work.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** A digest of the base's weights' size, the options and every group's text. */
  static String fingerprint(Path base, List<TrainingGroup> groups, TrainingOptions options) throws IOException {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(options.toString().getBytes(StandardCharsets.UTF_8));
      d.update(Long.toString(Files.size(base.resolve(SafetensorsModel.WEIGHTS_FILE))).getBytes(StandardCharsets.UTF_8));
      for (TrainingGroup g : groups) {
        d.update(g.query().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(g.positive().getBytes(StandardCharsets.UTF_8));
        for (String n : g.negatives()) {
          d.update((byte) 1);
          d.update(n.getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(d.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
