package io.quarry.embeddings.langchain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.core.spi.TextEncoder;
import io.quarry.embeddings.EmbeddingException;
import io.quarry.embeddings.EmbeddingModels;
import io.quarry.embeddings.EncoderSettings;
import io.quarry.embeddings.Vectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LangchainEncoder over langchain4j-ollama, against a fake Ollama speaking the real API. */
class LangchainEncoderTest {

  private static final int DIM = 32;

  private FakeOllama ollama;

  @BeforeEach
  void start() throws Exception {
    ollama = new FakeOllama(DIM);
  }

  @AfterEach
  void stop() {
    ollama.close();
  }

  private OllamaConfig config(int maxBatchSize, int dimension) {
    return new OllamaConfig(ollama.baseUrl(), "nomic-embed-text", Duration.ofSeconds(5), 0,
        "search_query: ", maxBatchSize, dimension);
  }

  private static float[] unit(String text) {
    return Vectors.normalizeInPlace(FakeOllama.vector(text, DIM));
  }

  @Test
  void should_post_the_ollama_embed_shape_when_encoding_passages() {
    try (LangchainEncoder enc = OllamaEncoders.create(config(32, DIM))) {
      enc.encodePassages(List.of("first passage", "second passage"));
    }
    assertEquals(1, ollama.requests.size());
    JsonNode body = ollama.requests.get(0);
    assertEquals("nomic-embed-text", body.get("model").asText());
    assertTrue(body.get("input").isArray());
    assertEquals(List.of("first passage", "second passage"), texts(body));
  }

  @Test
  void should_return_unit_vectors_in_input_order_when_batches_are_split() {
    List<String> passages = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      passages.add("passage number " + i + " about topic " + (char) ('a' + i));
    }
    List<float[]> got;
    try (LangchainEncoder enc = OllamaEncoders.create(config(3, DIM))) {
      got = enc.encodePassages(passages);
    }
    assertEquals(3, ollama.requests.size(), "7 passages in batches of 3");
    assertEquals(passages.subList(0, 3), texts(ollama.requests.get(0)));
    assertEquals(passages.subList(6, 7), texts(ollama.requests.get(2)));
    for (int i = 0; i < passages.size(); i++) {
      assertArrayEquals(unit(passages.get(i)), got.get(i), 1e-6f, "passage " + i);
      assertEquals(1.0, Math.sqrt(Vectors.dot(got.get(i), got.get(i))), 1e-6);
    }
  }

  @Test
  void should_prefix_queries_only_when_a_query_prefix_is_set() {
    try (LangchainEncoder enc = OllamaEncoders.create(config(32, DIM))) {
      float[] q = enc.encodeQuery("what is x");
      enc.encodePassages(List.of("x is y"));
      assertArrayEquals(unit("search_query: what is x"), q, 1e-6f);
    }
    assertEquals(List.of("search_query: what is x"), texts(ollama.requests.get(0)));
    assertEquals(List.of("x is y"), texts(ollama.requests.get(1)));
  }

  @Test
  void should_ask_the_server_once_when_the_dimension_is_not_configured() {
    try (LangchainEncoder enc = OllamaEncoders.create(config(32, 0))) {
      assertEquals(DIM, enc.dimension());
      assertEquals(1, ollama.requests.size());
      assertEquals("ollama:nomic-embed-text", enc.modelId());
    }
  }

  @Test
  void should_surface_a_clear_exception_when_the_server_fails() {
    ollama.failWith(500, "{\"error\":\"llama runner process has terminated: signal: killed\"}");
    try (LangchainEncoder enc = OllamaEncoders.create(config(32, DIM))) {
      EmbeddingException e = assertThrows(EmbeddingException.class, () -> enc.encodePassages(List.of("a", "b")));
      assertTrue(e.getMessage().contains("ollama:nomic-embed-text"), e.getMessage());
      assertTrue(e.getMessage().contains("llama runner process has terminated"), e.getMessage());
    }
  }

  @Test
  void should_surface_a_clear_exception_when_the_model_is_missing() {
    ollama.failWith(404, "{\"error\":\"model \\\"nomic-embed-text\\\" not found, try pulling it first\"}");
    EmbeddingException e = assertThrows(EmbeddingException.class, () -> OllamaEncoders.create(config(32, 0)));
    assertTrue(e.getMessage().contains("not found, try pulling it first"), e.getMessage());
  }

  @Test
  void should_fail_when_the_dimension_is_not_the_configured_one() {
    try (LangchainEncoder enc = OllamaEncoders.create(config(32, DIM + 1))) {
      EmbeddingException e = assertThrows(EmbeddingException.class, () -> enc.encodeQuery("q"));
      assertEquals("model ollama:nomic-embed-text returned a vector of dimension 32, expected 33", e.getMessage());
    }
  }

  @Test
  void should_build_an_ollama_encoder_when_the_registry_id_names_one() {
    EncoderSettings settings = EncoderSettings.defaults().withOllama(config(8, DIM));
    try (TextEncoder enc = EmbeddingModels.create("ollama:all-minilm", settings)) {
      assertEquals("ollama:all-minilm", enc.modelId());
      enc.encodePassages(List.of("x"));
    }
    assertEquals("all-minilm", ollama.requests.get(0).get("model").asText());
  }

  @Test
  void should_reject_settings_when_they_are_out_of_range() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OllamaConfig("ftp://x", "m", null, 0, "", 1, 0));
    assertEquals("illegal baseUrl: ftp://x, must be an http(s) URL", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> OllamaConfig.of("m").withModelName(" "));
    assertEquals("illegal modelName: must not be blank", e.getMessage());
  }

  private static List<String> texts(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.get("input").forEach(n -> out.add(n.asText()));
    return out;
  }
}
