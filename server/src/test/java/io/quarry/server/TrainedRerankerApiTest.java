package io.quarry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarry.embeddings.rerank.BaseEncoder;
import io.quarry.embeddings.rerank.CrossEncoderTrainer;
import io.quarry.embeddings.rerank.RerankCard;
import io.quarry.embeddings.rerank.TrainingGroup;
import io.quarry.embeddings.rerank.TrainingListener;
import io.quarry.embeddings.rerank.TrainingOptions;
import io.quarry.embeddings.rerank.TrainingResult;
import io.quarry.server.ApiTestSupport.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cross-encoder trained here (MiniLM's real encoder, DJL autograd) and loaded by the server
 * through {@code rerank.model}, exactly as a model {@code rerank train} writes is: a deep search
 * through {@code POST /v1/search} comes back in the trained order, which differs from {@code
 * rerank: false}; and a stored cross-encoder share of 0 ({@code quarry-rerank.json}) keeps the
 * fused order, so the card beside the model is read on that path too, and {@code rerank.weight}
 * overrides it.
 *
 * <p>The model learns one rule from toy judgments: a passage that opens with "verified answer"
 * is the relevant one, whatever the topic; the first stage prefers passages that repeat the
 * query's words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainedRerankerApiTest {

  private static final String[] TOPICS = {"rivers", "engines", "violins", "glaciers", "tomatoes", "satellites",
      "bridges", "wolves", "volcanoes", "pianos", "comets", "deserts"};

  private static final String DOCS = """
      {"documents": [
        {"id": "chatter", "title": "Cats", "text": "Cats cats cats: everyone talks about cats, cats and more cats."},
        {"id": "answer", "title": "Notes", "text": "verified answer: a cat sleeps most of the day."},
        {"id": "dogs", "title": "Dogs", "text": "Dogs bark at cats and at the postman."},
        {"id": "birds", "title": "Birds", "text": "Birds sing at dawn; cats watch them."}
      ]}""";

  private static final String QUERY = "{\"query\": \"tell me about cats\", \"mode\": \"deep\", \"k\": 4";

  @TempDir static Path tmp;
  private Path model;

  static List<TrainingGroup> groups() {
    List<TrainingGroup> out = new ArrayList<>();
    for (String t : TOPICS) {
      out.add(new TrainingGroup("tell me about " + t, "verified answer: " + t + " are studied a lot.",
          List.of(t + " " + t + " " + t + ": everyone talks about " + t + ".",
              "a page that mentions " + t + " twice: " + t + ".",
              "more talk of " + t + " and " + t + ".")));
    }
    return out;
  }

  @BeforeAll
  void train() throws Exception {
    Path base = tmp.resolve("base");
    BaseEncoder.MINILM.convert(base, BaseEncoder.HeadInit.training(5));
    TrainingOptions options = TrainingOptions.DEFAULTS.withEpochs(5).withGroupSize(4).withGroupsPerStep(3)
        .withLearningRate(1e-4f).withMaxLength(48).withPatience(10);
    TrainingResult r = CrossEncoderTrainer.train(base, groups(), s -> 0, options, tmp.resolve("work"),
        TrainingListener.NONE);
    model = r.best();
  }

  private static List<String> ids(Reply r) {
    List<String> ids = new ArrayList<>();
    for (JsonNode h : r.json().get("hits")) {
      ids.add(h.get("id").asText());
    }
    return ids;
  }

  @Test
  void should_return_the_trained_order_which_differs_from_rerank_false() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(tmp.resolve("data-trained"), Map.of(
        "rerank.model", model.toString(), "rerank.window", "4"))) {
      assertEquals(200, api.post("/v1/documents", DOCS).status());
      Reply fused = api.post("/v1/search", QUERY + ", \"rerank\": false}");
      Reply reranked = api.post("/v1/search", QUERY + "}");
      assertEquals(200, reranked.status(), String.valueOf(reranked.json()));
      assertNull(reranked.dropped("rerank"), reranked.json().get("dropped").toString());
      assertEquals("answer", ids(reranked).getFirst(), ids(reranked).toString());
      assertNotEquals(ids(fused), ids(reranked));
      assertNotEquals("answer", ids(fused).getFirst(), "the first stage already had it first: " + ids(fused));
    }
  }

  /** The trained model with a card that gives the cross-encoder no share. */
  private synchronized Path zeroShareCopy() throws Exception {
    Path copy = tmp.resolve("zero-share");
    if (Files.notExists(copy.resolve(RerankCard.FILE))) {
      Files.createDirectories(copy);
      for (String f : List.of("config.json", "model.safetensors", "tokenizer.json")) {
        Files.copy(model.resolve(f), copy.resolve(f));
      }
      new RerankCard("minilm", 0.0, 48, 4, Map.of()).write(copy);
    }
    return copy;
  }

  @Test
  void should_take_rerank_weight_over_the_share_the_card_stores() throws Exception {
    try (ApiTestSupport api = new ApiTestSupport(tmp.resolve("data-weight"), Map.of(
        "rerank.model", zeroShareCopy().toString(), "rerank.weight", "1"))) {
      assertEquals(200, api.post("/v1/documents", DOCS).status());
      assertEquals(1.0, api.get("/v1/stats").json().get("reranker").get("blend_weight").asDouble());
      Reply reranked = api.post("/v1/search", QUERY + "}");
      assertNull(reranked.dropped("rerank"), reranked.json().get("dropped").toString());
      assertEquals("answer", ids(reranked).getFirst(), ids(reranked).toString());
    }
  }

  @Test
  void should_keep_the_fused_order_when_the_models_card_gives_the_cross_encoder_no_share() throws Exception {
    Path copy = zeroShareCopy();
    try (ApiTestSupport api = new ApiTestSupport(tmp.resolve("data-zero"), Map.of(
        "rerank.model", copy.toString(), "rerank.window", "4"))) {
      assertEquals(200, api.post("/v1/documents", DOCS).status());
      assertEquals(0.0, api.get("/v1/stats").json().get("reranker").get("blend_weight").asDouble());
      Reply fused = api.post("/v1/search", QUERY + ", \"rerank\": false}");
      Reply reranked = api.post("/v1/search", QUERY + "}");
      assertNull(reranked.dropped("rerank"), reranked.json().get("dropped").toString());
      assertEquals(ids(fused), ids(reranked));
    }
  }
}
