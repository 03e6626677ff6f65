package io.kubervisor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.engine.Metrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tests' reader of /metrics reads what the operator's registry writes. */
class ScrapeTest {

  @Test
  void readsGaugesCountersAndHistogramsAsPrometheusWritesThem() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(Metrics.latencyHistograms());
    Gauge.builder(Metrics.LEADER, () -> 1).register(registry);
    registry.counter(Metrics.DECISIONS, "action", "break", "namespace", "shop", "breakerconfig", "web").increment(2);
    Timer.builder(Metrics.EVALUATION_DURATION).tags("namespace", "shop", "breakerconfig", "web", "breaker", "errors")
        .register(registry).record(Duration.ofMillis(30));

    Scrape scrape = Scrape.parse(registry.scrape());

    assertThat(scrape.value("kubervisor_leader", Map.of())).hasValue(1.0);
    assertThat(scrape.value("kubervisor_decisions_total", Map.of("action", "break"))).hasValue(2.0);
    assertThat(scrape.value("kubervisor_evaluation_duration_seconds_count", Map.of("breaker", "errors"))).hasValue(1.0);
    assertThat(scrape.value("kubervisor_evaluation_duration_seconds_bucket", Map.of("le", "0.025"))).hasValue(0.0);
    assertThat(scrape.value("kubervisor_evaluation_duration_seconds_bucket", Map.of("le", "+Inf"))).hasValue(1.0);
  }
}
