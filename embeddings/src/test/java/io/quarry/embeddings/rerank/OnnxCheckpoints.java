package io.quarry.embeddings.rerank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The fp32 ONNX exports of all-MiniLM-L6-v2 and bge-small-en-v1.5 (inside langchain4j's model
 * jars) as Hugging Face {@code BertForSequenceClassification} checkpoint directories, converted by
 * {@link BaseEncoder} with a seeded random head of larger scale than training's (so an untrained
 * head still spreads the scores).
 *
 * <p>Checkpoints are built once per JVM into a temp directory deleted at exit. Test fixture.
 */
final class OnnxCheckpoints {

  /** A fixed seed for the random head, so scores are reproducible across runs. */
  static final long HEAD_SEED = 20_241_123L;

  /** The head the fixtures draw. */
  static final BaseEncoder.HeadInit HEAD = new BaseEncoder.HeadInit(HEAD_SEED, 0.05f, 0.01f, 0.1f, 0.1f);

  /** One source model. */
  enum Source {
    MINILM(BaseEncoder.MINILM),
    BGE(BaseEncoder.BGE_SMALL);

    final BaseEncoder base;

    Source(BaseEncoder base) {
      this.base = base;
    }

    byte[] onnxBytes() {
      try {
        return base.onnxBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    byte[] tokenizerBytes() {
      try {
        return base.tokenizerBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final Map<Source, Path> BUILT = new LinkedHashMap<>();
  private static Path root;

  private OnnxCheckpoints() {}

  /** The converted checkpoint of {@code source}, built on first use. */
  static synchronized Path checkpoint(Source source) {
    return BUILT.computeIfAbsent(source, s -> {
      try {
        Path dir = Files.createDirectories(root().resolve(s.name().toLowerCase(java.util.Locale.ROOT)));
        s.base.convert(dir, HEAD);
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** A fresh directory under the fixtures' temp root, deleted at exit. */
  static synchronized Path newDirectory(String name) throws IOException {
    return Files.createTempDirectory(root(), name);
  }

  static Safetensors.F32 gaussian(Random random, float scale, long... shape) {
    return BaseEncoder.gaussian(random, scale, shape);
  }

  private static Path root() throws IOException {
    if (root == null) {
      root = Files.createTempDirectory("quarry-rerank-fixtures");
      Path r = root;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(r)));
    }
    return root;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }
}
