package io.quarry.graph.extract;

import io.quarry.core.document.Document;
import io.quarry.core.document.Passage;
import io.quarry.graph.model.Extraction;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary extractor (the LLM) guarded by a {@link CircuitBreaker}, with a fallback (the default
 * extractor) for when it fails: the document is always extracted.
 *
 * <p>When the breaker is open, or the primary throws, the fallback extracts the document and its
 * {@link Extraction#extractor()} records why: {@code <fallback name> (fallback: <reason>)}, e.g.
 * {@code opennlp (fallback: timed out after 30000 ms)}. A primary's failure counts towards opening
 * the breaker; an open breaker does not call the primary at all. How long one primary call may
 * take is the primary's own bound ({@link OllamaExtractorConfig#timeout()} per chat call).
 *
 * <p>A failure of the fallback itself is not caught.
 *
 * <p>Thread-safe.
 */
public final class FallbackExtractor implements Extractor {

  private static final Logger LOG = LoggerFactory.getLogger(FallbackExtractor.class);

  private final Extractor primary;
  private final Extractor fallback;
  private final CircuitBreaker breaker;
  private final AtomicLong fallbacks = new AtomicLong();
  private volatile String lastReason;
  private volatile String lastFailure;

  public FallbackExtractor(Extractor primary, Extractor fallback, CircuitBreaker breaker) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
  }

  /** The {@link OllamaExtractor} for {@code config}, with its breaker, falling back to {@code fallback}. */
  public static FallbackExtractor ollama(OllamaExtractorConfig config, Extractor fallback) {
    return new FallbackExtractor(new OllamaExtractor(config), fallback,
        new CircuitBreaker(config.breakerFailures(), config.breakerCooldown()));
  }

  /** The primary's name: what an extraction that did not fall back records. */
  @Override
  public String name() {
    return primary.name();
  }

  @Override
  public Extraction extract(Document document, String contentHash, List<Passage> passages, TitleDictionary titles) {
    String reason;
    if (!breaker.tryAcquire()) {
      String last = lastFailure;
      reason = OllamaExtractor.shorten("circuit open after " + breaker.failureThreshold() + " failures"
          + (last == null ? "" : ", last: " + last));
      LOG.debug("graph extraction of '{}' falls back to {}: {}", document.id(), fallback.name(), reason);
    } else {
      boolean reported = false;
      try {
        Extraction out = primary.extract(document, contentHash, passages, titles);
        breaker.onSuccess();
        reported = true;
        return out;
      } catch (RuntimeException e) {
        breaker.onFailure();
        reported = true;
        reason = reason(e);
        lastFailure = reason;
        LOG.warn("graph extraction of '{}' falls back to {}: {} failed: {}", document.id(), fallback.name(),
            primary.name(), reason);
        LOG.debug("{} failure", primary.name(), e);
      } finally {
        if (!reported) {
          breaker.onFailure(); // an Error: it still counts, and a half-open trial is not left hanging
        }
      }
    }
    fallbacks.incrementAndGet();
    lastReason = reason;
    Extraction out = fallback.extract(document, contentHash, passages, titles);
    return out.withExtractor(fallback.name() + " (fallback: " + reason + ")");
  }

  private static String reason(RuntimeException e) {
    String m = e.getMessage();
    if (e instanceof ExtractionException && m != null && !m.isBlank()) {
      return OllamaExtractor.shorten(m);
    }
    return OllamaExtractor.shorten(e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m));
  }

  /** How many documents the fallback extracted. */
  public long fallbacks() {
    return fallbacks.get();
  }

  /** Why the last fallback happened, or null when none has. */
  public String lastFallbackReason() {
    return lastReason;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  public Extractor primary() {
    return primary;
  }

  public Extractor fallback() {
    return fallback;
  }
}
