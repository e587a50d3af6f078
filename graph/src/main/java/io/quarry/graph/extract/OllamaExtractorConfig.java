package io.quarry.graph.extract;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach the LLM of the optional {@link OllamaExtractor} ({@code graph.llm.*}), and how
 * soon to give up on it. Immutable; validated on construction, with messages that name the
 * setting. A null field takes its default.
 *
 * @param url the Ollama server ({@code graph.llm.url}), e.g. {@value #DEFAULT_URL}; http or https
 * @param model the Ollama chat model ({@code graph.llm.model}), e.g. {@value #DEFAULT_MODEL}
 * @param timeout the most one chat call may take ({@code graph.llm.timeout_ms}), in {@code
 *     1 ms..}{@link #MAX_TIMEOUT}; a call that takes longer fails and the document falls back
 * @param breakerFailures consecutive failures that open the circuit breaker ({@code
 *     graph.llm.breaker_failures}), in {@code 1..1000}
 * @param breakerCooldown how long an open breaker refuses the LLM before one call may try again
 *     ({@code graph.llm.breaker_cooldown_ms}), in {@code 1 ms..}{@link #MAX_COOLDOWN}
 */
public record OllamaExtractorConfig(String url, String model, Duration timeout, int breakerFailures,
    Duration breakerCooldown) {

  public static final String DEFAULT_URL = "http://localhost:11434";
  public static final String DEFAULT_MODEL = "llama3.1";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  public static final int DEFAULT_BREAKER_FAILURES = 5;
  public static final Duration DEFAULT_BREAKER_COOLDOWN = Duration.ofSeconds(60);
  public static final Duration MAX_COOLDOWN = Duration.ofHours(24);

  public OllamaExtractorConfig {
    url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
    String scheme;
    try {
      URI uri = URI.create(url);
      scheme = uri.getHost() == null ? null : uri.getScheme();
    } catch (IllegalArgumentException e) {
      scheme = null;
    }
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("illegal graph.llm.url: '" + url
          + "', must be an http(s) URL such as " + DEFAULT_URL);
    }
    model = model == null ? DEFAULT_MODEL : model.strip();
    if (model.isEmpty()) {
      throw new IllegalArgumentException("illegal graph.llm.model: must not be blank");
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("illegal graph.llm.timeout_ms: " + timeout.toMillis()
          + ", must be in 1.." + MAX_TIMEOUT.toMillis());
    }
    if (breakerFailures < 1 || breakerFailures > 1000) {
      throw new IllegalArgumentException("illegal graph.llm.breaker_failures: " + breakerFailures
          + ", must be in 1..1000");
    }
    breakerCooldown = breakerCooldown == null ? DEFAULT_BREAKER_COOLDOWN : breakerCooldown;
    if (breakerCooldown.toMillis() < 1 || breakerCooldown.compareTo(MAX_COOLDOWN) > 0) {
      throw new IllegalArgumentException("illegal graph.llm.breaker_cooldown_ms: "
          + breakerCooldown.toMillis() + ", must be in 1.." + MAX_COOLDOWN.toMillis());
    }
  }

  /** Defaults for everything but the server and the model. */
  public static OllamaExtractorConfig of(String url, String model) {
    return new OllamaExtractorConfig(url, model, DEFAULT_TIMEOUT, DEFAULT_BREAKER_FAILURES,
        DEFAULT_BREAKER_COOLDOWN);
  }

  public OllamaExtractorConfig withTimeout(Duration t) {
    return new OllamaExtractorConfig(url, model, t, breakerFailures, breakerCooldown);
  }

  public OllamaExtractorConfig withBreaker(int failures, Duration cooldown) {
    return new OllamaExtractorConfig(url, model, timeout, failures, cooldown);
  }
}
