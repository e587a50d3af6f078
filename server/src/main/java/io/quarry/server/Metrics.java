package io.quarry.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quarry.core.search.DroppedLeg;
import io.quarry.core.search.SearchResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What {@code /metrics} serves, in the Prometheus text format through Micrometer, every name under
 * {@code quarry_}. Outcomes first: latency by mode and route, partial answers, leg timeouts; the
 * ingest meters are registered by the ingest service on {@link #registry()}, the size gauges by
 * {@link Wiring}.
 *
 * <p>Thread-safe.
 */
public final class Metrics {

  /** Latency buckets from 1 ms to 30 s: a fast query to a deep one at its deadline. */
  private static final Duration MIN = Duration.ofMillis(1);
  private static final Duration MAX = Duration.ofSeconds(30);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Records one search.
   *
   * @param nanos its wall time as the engine saw it
   */
  public void searched(SearchResponse r, long nanos) {
    String mode = r.mode().name().toLowerCase(Locale.ROOT);
    String route = r.route() == null ? "explicit" : "auto";
    Timer.builder("quarry.search.latency")
        .description("search wall time, by the mode that ran and whether auto routing chose it")
        .tags("mode", mode, "route", route)
        .publishPercentileHistogram()
        .minimumExpectedValue(MIN)
        .maximumExpectedValue(MAX)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder("quarry.search.requests").tags("mode", mode, "partial", Boolean.toString(r.partial()))
        .description("searches answered, partial ones (a leg timed out or failed) apart")
        .register(registry).increment();
    for (DroppedLeg d : r.dropped()) {
      if (d.partial()) { // timed out or failed, the rule that makes an answer partial
        Counter.builder("quarry.search.leg.dropped").tags("leg", d.leg(), "reason", d.reason().wireName())
            .description("legs and stages that timed out or failed")
            .register(registry).increment();
      }
    }
  }

  /** A gauge read at each scrape. */
  public void gauge(String name, String description, java.util.function.Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }
}
