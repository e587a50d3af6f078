package io.quarry.embeddings.rerank;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code rerank train} stores beside a checkpoint ({@code quarry-rerank.json}): how the
 * model is meant to be used and what its validation measured. A checkpoint without one (a pulled
 * or hand-copied model) runs with the defaults: cross-encoder alone, the configured length.
 *
 * @param base the encoder it was trained from, e.g. {@code minilm}
 * @param blendWeight the cross-encoder's share of a reranked hit's final score, chosen on the
 *     validation slice, in {@code [0, 1]}
 * @param maxLength the tokens per pair it was trained and validated at
 * @param window the rerank window it was validated at
 * @param report the training run's figures (free form: validation metrics, time, throughput)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RerankCard(
    @JsonProperty("base") String base,
    @JsonProperty("blend_weight") double blendWeight,
    @JsonProperty("max_length") int maxLength,
    @JsonProperty("window") int window,
    @JsonProperty("report") Map<String, Object> report) {

  public static final String FILE = "quarry-rerank.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The card beside a checkpoint directory or TorchScript file, if there is one. */
  public static Optional<RerankCard> read(Path model) throws IOException {
    Path dir = Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
    Path file = dir == null ? null : dir.resolve(FILE);
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    RerankCard card = JSON.readValue(file.toFile(), RerankCard.class);
    if (!(card.blendWeight() >= 0 && card.blendWeight() <= 1)) {
      throw new IOException("illegal " + file + ": blend_weight " + card.blendWeight() + ", must be in [0, 1]");
    }
    return Optional.of(card);
  }

  /** Writes the card into {@code dir} (through a temporary file, so a reader never sees half). */
  public void write(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
