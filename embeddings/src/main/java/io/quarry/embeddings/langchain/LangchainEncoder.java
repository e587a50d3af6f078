package io.quarry.embeddings.langchain;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.EmbeddingException;
import io.quarry.embeddings.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adapts any langchain4j {@link EmbeddingModel} (Ollama, OpenAI, an in-process model) to {@link
 * TextEncoder}.
 *
 * <p>Contract: queries get the optional query prefix; passages are sent through {@code embedAll}
 * in chunks of at most {@code maxBatchSize}, in order; every returned vector is checked for count
 * and dimension and L2-normalised (remote models do not all normalise). A model failure, or a
 * response with the wrong count or dimension, throws {@link EmbeddingException} naming the model
 * id and the cause.
 *
 * <p>Cost: one model call per {@code maxBatchSize} passages (for Ollama one HTTP round trip); the
 * constructor asks the model for its dimension when none is given, which for most remote models
 * embeds one probe text.
 *
 * <p>Thread-safe when the wrapped model is (langchain4j's models are). {@link #close()} does
 * nothing beyond marking the encoder closed: langchain4j models hold no resources to free.
 */
public final class LangchainEncoder implements TextEncoder {

  /** Largest accepted batch size. */
  public static final int MAX_BATCH_SIZE = 4096;

  private final String modelId;
  private final EmbeddingModel model;
  private final String queryPrefix;
  private final int maxBatchSize;
  private final int dimension;
  private volatile boolean closed;

  /**
   * @param modelId stable id, e.g. {@code ollama:nomic-embed-text}
   * @param model the langchain4j model
   * @param queryPrefix prepended to queries only; empty or null for none
   * @param maxBatchSize most passages per {@code embedAll} call, in {@code 1..}{@link
   *     #MAX_BATCH_SIZE}
   * @param dimension the model's dimension, or 0 to ask the model (may embed a probe text)
   */
  public LangchainEncoder(
      String modelId, EmbeddingModel model, String queryPrefix, int maxBatchSize, int dimension) {
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    if (modelId.isBlank()) {
      throw new IllegalArgumentException("illegal modelId: must not be blank");
    }
    this.model = Objects.requireNonNull(model, "model");
    this.queryPrefix = queryPrefix == null ? "" : queryPrefix;
    if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "illegal maxBatchSize: " + maxBatchSize + ", must be in 1.." + MAX_BATCH_SIZE);
    }
    this.maxBatchSize = maxBatchSize;
    if (dimension < 0) {
      throw new IllegalArgumentException("illegal dimension: " + dimension + ", must be 0 (ask the model) or positive");
    }
    this.dimension = dimension > 0 ? dimension : probeDimension();
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[] encodeQuery(String query) {
    Objects.requireNonNull(query, "query");
    return embed(List.of(queryPrefix + query)).get(0);
  }

  @Override
  public List<float[]> encodePassages(List<String> passages) {
    Objects.requireNonNull(passages, "passages");
    List<float[]> out = new ArrayList<>(passages.size());
    for (int from = 0; from < passages.size(); from += maxBatchSize) {
      out.addAll(embed(passages.subList(from, Math.min(passages.size(), from + maxBatchSize))));
    }
    return out;
  }

  private List<float[]> embed(List<String> texts) {
    if (closed) {
      throw new IllegalStateException("encoder " + modelId + " is closed");
    }
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null) {
        throw new NullPointerException("passages contains null at index " + i);
      }
      segments.add(TextSegment.from(texts.get(i)));
    }
    List<Embedding> embeddings;
    try {
      embeddings = model.embedAll(segments).content();
    } catch (RuntimeException e) {
      throw new EmbeddingException(
          "model " + modelId + " failed to embed " + texts.size() + " texts: " + e.getMessage(), e);
    }
    if (embeddings == null || embeddings.size() != texts.size()) {
      throw new EmbeddingException("model " + modelId + " returned "
          + (embeddings == null ? "no" : embeddings.size()) + " embeddings for " + texts.size() + " texts");
    }
    List<float[]> out = new ArrayList<>(texts.size());
    for (Embedding e : embeddings) {
      float[] v = e.vector().clone();
      if (v.length != dimension) {
        throw new EmbeddingException("model " + modelId + " returned a vector of dimension "
            + v.length + ", expected " + dimension);
      }
      out.add(Vectors.normalizeInPlace(v));
    }
    return out;
  }

  private int probeDimension() {
    try {
      int d = model.dimension();
      if (d <= 0) {
        throw new EmbeddingException("model " + modelId + " reported dimension " + d);
      }
      return d;
    } catch (EmbeddingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EmbeddingException(
          "cannot get the dimension of model " + modelId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "LangchainEncoder[" + modelId + ", dimension " + dimension + "]";
  }
}
