package io.quarry.embeddings.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an ONNX model and its HuggingFace {@code tokenizer.json} come from: resources on the class
 * path (the langchain4j model jars keep both at the jar root) or a local directory.
 */
public sealed interface ModelFiles {

  /** Creates an inference session on the model. Cost: parses the model, hundreds of ms. */
  OrtSession openSession(OrtEnvironment env, OrtSession.SessionOptions options)
      throws IOException, OrtException;

  /** The bytes of {@code tokenizer.json}. */
  byte[] tokenizerJson() throws IOException;

  /** Human-readable location for messages. */
  String describe();

  /**
   * Class-path resources, e.g. {@code bge-small-en-v1.5-q.onnx} and {@code
   * bge-small-en-v1.5-q-tokenizer.json}.
   */
  record Classpath(String modelResource, String tokenizerResource) implements ModelFiles {

    public Classpath {
      Objects.requireNonNull(modelResource, "modelResource");
      Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    }

    @Override
    public OrtSession openSession(OrtEnvironment env, OrtSession.SessionOptions options)
        throws IOException, OrtException {
      return env.createSession(read(modelResource), options);
    }

    @Override
    public byte[] tokenizerJson() throws IOException {
      return read(tokenizerResource);
    }

    @Override
    public String describe() {
      return "classpath:" + modelResource;
    }

    private static byte[] read(String resource) throws IOException {
      try (InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no resource " + resource + " on the class path");
        }
        return in.readAllBytes();
      }
    }
  }

  /** A directory holding {@code model.onnx} and {@code tokenizer.json}. */
  record Directory(Path directory) implements ModelFiles {

    /** File name of the model inside the directory. */
    public static final String MODEL_FILE = "model.onnx";

    /** File name of the tokenizer inside the directory. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    public Directory {
      Objects.requireNonNull(directory, "directory");
      directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public OrtSession openSession(OrtEnvironment env, OrtSession.SessionOptions options)
        throws IOException, OrtException {
      return env.createSession(existing(MODEL_FILE).toString(), options);
    }

    @Override
    public byte[] tokenizerJson() throws IOException {
      return Files.readAllBytes(existing(TOKENIZER_FILE));
    }

    @Override
    public String describe() {
      return directory.toString();
    }

    private Path existing(String name) throws IOException {
      Path file = directory.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new IOException("illegal model directory: " + directory + " has no " + name
            + ", must hold " + MODEL_FILE + " and " + TOKENIZER_FILE);
      }
      return file;
    }
  }
}
