package io.quarry.embeddings.rerank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training a tiny BERT classifier for real (DJL autograd on libtorch, AdamW): it learns to put a
 * query's positive first, its checkpoint loads through the reranker's own path and scores the
 * same, and a run that dies after an epoch resumes after it.
 */
class CrossEncoderTrainerTest {

  private static final String[] TOPICS = {"cats", "rivers", "engines", "violins", "glaciers", "tomatoes",
      "satellites", "bridges", "wolves", "volcanoes", "pianos", "comets"};

  /** Each topic's query names it; its positive is about it, the negatives about other topics. */
  static List<TrainingGroup> groups() {
    List<TrainingGroup> out = new ArrayList<>();
    for (int i = 0; i < TOPICS.length; i++) {
      List<String> negatives = new ArrayList<>();
      for (int j = 1; j <= 3; j++) {
        String other = TOPICS[(i + j * 5) % TOPICS.length];
        negatives.add("a long report about " + other + " and more " + other);
      }
      out.add(new TrainingGroup("tell me about " + TOPICS[i],
          "a long report about " + TOPICS[i] + " and more " + TOPICS[i], negatives));
    }
    return out;
  }

  /** Share of the groups whose positive the scorer ranks first among all four. */
  static double firstPlace(PairScorer scorer, List<TrainingGroup> groups) {
    int first = 0;
    for (TrainingGroup g : groups) {
      List<String> texts = new ArrayList<>(List.of(g.positive()));
      texts.addAll(g.negatives());
      float[] s = scorer.score(g.query(), texts);
      boolean best = true;
      for (int i = 1; i < s.length; i++) {
        best &= s[0] > s[i];
      }
      first += best ? 1 : 0;
    }
    return (double) first / groups.size();
  }

  private static Path tinyBase(Path dir) throws IOException {
    return TinyCheckpoint.bert(32, 4, 1, 7).writeTo(dir.resolve("base"));
  }

  private static TrainingOptions options(int epochs) {
    return TrainingOptions.DEFAULTS.withEpochs(epochs).withGroupSize(4).withGroupsPerStep(3)
        .withLearningRate(1e-3f).withMaxLength(32).withPatience(10);
  }

  private static final TrainingOptions MINILM_OPTIONS = TrainingOptions.DEFAULTS.withEpochs(5).withGroupSize(4)
      .withGroupsPerStep(3).withLearningRate(1e-4f).withMaxLength(32).withPatience(10);

  /** MiniLM's real encoder with a fresh head: what {@code rerank train} starts from. */
  private static Path minilmBase(Path dir) throws IOException {
    Path base = dir.resolve("minilm");
    BaseEncoder.MINILM.convert(base, BaseEncoder.HeadInit.training(3));
    return base;
  }

  @Test
  void learnsToRankThePositiveFirstAndTheCheckpointLoadsAsAReranker(@TempDir Path tmp) throws IOException {
    Path base = minilmBase(tmp);
    List<TrainingGroup> groups = groups();
    double before;
    try (CrossEncoderReranker r = CrossEncoderReranker.open(RerankerConfig.of(base).withMaxLength(32))) {
      before = firstPlace(r::score, groups);
    }
    List<double[]> losses = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void step(int epoch, int step, int steps, double loss, double pairsPerSecond) {}

      @Override
      public void epoch(TrainingResult.Epoch e) {
        losses.add(new double[] {e.loss()});
      }

      @Override
      public void message(String line) {}
    };
    TrainingResult result = CrossEncoderTrainer.train(base, groups, s -> firstPlace(s, groups), MINILM_OPTIONS,
        tmp.resolve("work"), listener);

    assertEquals(5, result.epochs().size());
    assertTrue(losses.getLast()[0] < losses.getFirst()[0] * 0.5,
        "loss fell: " + losses.getFirst()[0] + " -> " + losses.getLast()[0]);
    double after = result.epochs().get(result.bestEpoch() - 1).validation();
    assertTrue(after >= 0.9 && after > before, "first place " + before + " -> " + after);
    assertEquals(5L * groups.size() * 4, result.pairs());

    // the best checkpoint is a Hugging Face directory rerank.model loads, scoring as validation did
    try (CrossEncoderReranker r = CrossEncoderReranker.open(RerankerConfig.of(result.best()).withMaxLength(32))) {
      assertEquals(after, firstPlace(r::score, groups), 1e-9);
      try (TrainableModel m = TrainableModel.load(result.best(), ai.djl.Device.cpu(), 32)) {
        TrainingGroup g = groups.getFirst();
        List<String> texts = new ArrayList<>(List.of(g.positive()));
        texts.addAll(g.negatives());
        assertArrayEquals(m.score(g.query(), texts), r.score(g.query(), texts), 1e-4f);
      }
    }
  }

  @Test
  void aRunThatDiesAfterAnEpochResumesAfterIt(@TempDir Path tmp) throws IOException {
    Path base = tinyBase(tmp);
    Path work = tmp.resolve("work");
    List<TrainingGroup> groups = groups();
    AtomicInteger validations = new AtomicInteger();
    ToDoubleFunction<PairScorer> dyingOnTheSecond = s -> {
      if (validations.incrementAndGet() == 2) {
        throw new UncheckedIOException(new IOException("killed"));
      }
      return firstPlace(s, groups);
    };
    assertThrows(UncheckedIOException.class,
        () -> CrossEncoderTrainer.train(base, groups, dyingOnTheSecond, options(3), work, TrainingListener.NONE));
    assertTrue(Files.isDirectory(CrossEncoderTrainer.epochDir(work, 1)));

    List<String> news = new ArrayList<>();
    TrainingResult resumed = CrossEncoderTrainer.train(base, groups, s -> firstPlace(s, groups), options(3), work,
        new TrainingListener() {
          @Override
          public void step(int epoch, int step, int steps, double loss, double pairsPerSecond) {}

          @Override
          public void epoch(TrainingResult.Epoch e) {}

          @Override
          public void message(String line) {
            news.add(line);
          }
        });
    assertEquals(1, resumed.resumedAfter());
    assertEquals(3, resumed.epochs().size());
    assertEquals(2L * groups.size() * 4, resumed.pairs(), "only epochs 2 and 3 ran again");
    assertTrue(news.getFirst().startsWith("resuming after epoch 1 of 3"), news.toString());

    // other options are another run: refused, not silently mixed
    IOException e = assertThrows(IOException.class, () -> CrossEncoderTrainer.train(base, groups,
        s -> 0, options(4), work, TrainingListener.NONE));
    assertTrue(e.getMessage().contains("other data or options"), e.getMessage());
  }

  @Test
  void refusesGroupsWithTooFewNegatives(@TempDir Path tmp) throws IOException {
    Path base = tinyBase(tmp);
    List<TrainingGroup> few = List.of(new TrainingGroup("q", "p", List.of("n")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossEncoderTrainer.train(
        base, few, s -> 0, options(1), tmp.resolve("w"), TrainingListener.NONE));
    assertTrue(e.getMessage().contains("1 negatives"), e.getMessage());
  }
}
