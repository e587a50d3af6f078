package io.quarry.graph.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.graph.extract.CircuitBreaker.State;
import io.quarry.graph.model.EntityKeys;
import io.quarry.graph.model.Extraction;
import io.quarry.graph.model.Mention;
import io.quarry.graph.model.PassageFacts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FallbackExtractorTest {

  static final String TEXT = "Ada Lovelace worked with Charles Babbage in London.";
  static final String ANSWER = """
      {"entities":[{"name":"Ada Lovelace","type":"person"},{"name":"Charles Babbage","type":"person"}],
       "relations":[{"source":"Ada Lovelace","relation":"worked_with","target":"Charles Babbage"}]}""";

  /** The trivial default: the title as the one mention of each passage. */
  static final class TitleOnly implements Extractor {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String name() {
      return "titles";
    }

    @Override
    public Extraction extract(Document document, String contentHash, List<Passage> passages, TitleDictionary titles) {
      calls.incrementAndGet();
      List<PassageFacts> out = passages.stream()
          .map(p -> new PassageFacts(p.ordinal(), List.of(Mention.of(document.title(), Mention.TITLE)), List.of()))
          .toList();
      return new Extraction(document.id(), contentHash, document.title(), null, name(), out);
    }
  }

  private final AtomicLong now = new AtomicLong();
  private FakeOllamaChat fake;
  private TitleOnly fallback;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeOllamaChat().answer(ANSWER);
    fallback = new TitleOnly();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private FallbackExtractor extractor(Duration timeout, int failures, Duration cooldown) {
    OllamaExtractorConfig config = new OllamaExtractorConfig(fake.baseUrl(), "test-model", timeout, failures, cooldown);
    return new FallbackExtractor(new OllamaExtractor(config), fallback,
        new CircuitBreaker(config.breakerFailures(), config.breakerCooldown(), now::get));
  }

  private static Extraction extract(Extractor x, String id) {
    Document d = Document.of(id, "Analytical Engine", TEXT);
    return x.extract(d, "hash-" + id, List.of(new Passage(0, 0, TEXT.length(), TEXT)), new TitleDictionary());
  }

  @Test
  void aWorkingLlmIsUsedAndNothingFallsBack() {
    FallbackExtractor x = extractor(Duration.ofSeconds(5), 3, Duration.ofSeconds(10));
    Extraction e = extract(x, "d1");
    assertEquals("ollama:test-model", x.name());
    assertEquals("ollama:test-model", e.extractor());
    assertTrue(e.passages().get(0).mentions().stream().anyMatch(m -> m.key().equals("ada lovelace")));
    assertEquals(0, x.fallbacks());
    assertNull(x.lastFallbackReason());
    assertEquals(0, fallback.calls.get());
    assertEquals(State.CLOSED, x.breaker().state());
  }

  @Test
  void aSlowLlmBeyondTheTimeoutFallsBack() {
    FallbackExtractor x = extractor(Duration.ofMillis(300), 3, Duration.ofSeconds(10));
    fake.delay(Duration.ofSeconds(2));
    long t0 = System.nanoTime();
    Extraction e = extract(x, "d1");
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertEquals("titles (fallback: timed out after 300 ms)", e.extractor());
    assertEquals("d1", e.documentId());
    assertEquals("hash-d1", e.contentHash());
    assertEquals(List.of(new Mention(EntityKeys.of("Analytical Engine"), "Analytical Engine", Mention.TITLE)),
        e.passages().get(0).mentions(), "the document is still extracted");
    assertTrue(ms < 1_900, "the fallback did not wait for the slow answer: " + ms + " ms");
    assertEquals(1, x.fallbacks());
    assertEquals("timed out after 300 ms", x.lastFallbackReason());
    assertEquals(1, fake.requestCount());
  }

  @Test
  void anHttp500FallsBack() {
    FallbackExtractor x = extractor(Duration.ofSeconds(5), 3, Duration.ofSeconds(10));
    fake.failWith(500, "{\"error\":\"llama runner process has terminated\"}");
    Extraction e = extract(x, "d1");
    assertEquals("titles (fallback: HTTP 500: llama runner process has terminated)", e.extractor());
    assertEquals(1, x.fallbacks());
    assertEquals(1, fallback.calls.get());
  }

  @Test
  void offSchemaOutputFallsBack() {
    FallbackExtractor x = extractor(Duration.ofSeconds(5), 3, Duration.ofSeconds(10));
    fake.answer("{\"nodes\":[]}");
    Extraction e = extract(x, "d1");
    assertTrue(e.extractor().startsWith("titles (fallback: off-schema output: "), e.extractor());
  }

  @Test
  void anOpenBreakerDoesNotCallTheLlmAndOneCallTriesAfterTheCooldown() {
    FallbackExtractor x = extractor(Duration.ofSeconds(5), 2, Duration.ofSeconds(10));
    fake.failWith(500, "{\"error\":\"boom\"}");
    extract(x, "d1");
    extract(x, "d2");
    assertEquals(2, fake.requestCount());
    assertEquals(State.OPEN, x.breaker().state());

    Extraction refused = extract(x, "d3");
    assertEquals(2, fake.requestCount(), "an open breaker does not call the LLM");
    assertEquals("titles (fallback: circuit open after 2 failures, last: HTTP 500: boom)", refused.extractor());
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    extract(x, "d4");
    assertEquals(2, fake.requestCount(), "still cooling down");
    assertEquals(4, x.fallbacks());

    // after the cooldown a trial goes; it fails, so the breaker opens again
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    extract(x, "d5");
    assertEquals(3, fake.requestCount());
    assertEquals(State.OPEN, x.breaker().state());
    extract(x, "d6");
    assertEquals(3, fake.requestCount());

    // the next trial succeeds: closed again, the LLM is used
    fake.failWith(0, null);
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    Extraction back = extract(x, "d7");
    assertEquals("ollama:test-model", back.extractor());
    assertEquals(4, fake.requestCount());
    assertEquals(State.CLOSED, x.breaker().state());
    extract(x, "d8");
    assertEquals(5, fake.requestCount());
    assertEquals(6, x.fallbacks());
    assertEquals(6, fallback.calls.get());
  }

  @Test
  void anyRuntimeExceptionOfThePrimaryFallsBack() {
    Extractor broken = new Extractor() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Extraction extract(Document d, String h, List<Passage> p, TitleDictionary t) {
        throw new IllegalStateException("boom");
      }
    };
    FallbackExtractor x = new FallbackExtractor(broken, fallback, new CircuitBreaker(1, Duration.ofSeconds(1), now::get));
    assertEquals("titles (fallback: IllegalStateException: boom)", extract(x, "d1").extractor());
    assertEquals(State.OPEN, x.breaker().state());
    assertEquals("titles (fallback: circuit open after 1 failures, last: IllegalStateException: boom)",
        extract(x, "d2").extractor());
  }

  @Test
  void anErrorOfThePrimaryIsNotSwallowedButCounts() {
    Extractor dying = new Extractor() {
      @Override
      public String name() {
        return "dying";
      }

      @Override
      public Extraction extract(Document d, String h, List<Passage> p, TitleDictionary t) {
        throw new StackOverflowError("deep");
      }
    };
    FallbackExtractor x = new FallbackExtractor(dying, fallback, new CircuitBreaker(1, Duration.ofSeconds(1), now::get));
    assertThrows(StackOverflowError.class, () -> extract(x, "d1"));
    assertEquals(State.OPEN, x.breaker().state());
  }

  @Test
  void theFactoryWiresTheConfig() {
    OllamaExtractorConfig config = new OllamaExtractorConfig(fake.baseUrl(), "m2", Duration.ofSeconds(5), 7,
        Duration.ofSeconds(42));
    FallbackExtractor x = FallbackExtractor.ollama(config, fallback);
    assertEquals("ollama:m2", x.name());
    assertEquals(7, x.breaker().failureThreshold());
    assertEquals(Duration.ofSeconds(42), x.breaker().cooldown());
    assertSame(fallback, x.fallback());
    assertEquals("ollama:m2", extract(x, "d1").extractor());
    assertEquals("m2", fake.requests.get(0).path("model").asText());
  }
}
