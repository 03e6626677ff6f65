package io.kubervisor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The breaker template of routes/templates/ times each detector call and each tick, and counts detector errors, with
 * the tags docs/metrics.md promises. The engine's processors are stand-ins that record which ran.
 */
class BreakerTemplateMetricsTest extends CamelTestSupport {

  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final List<String> steps = new CopyOnWriteArrayList<>();

  @Override
  protected void bindToRegistry(Registry registry) {
    meters.config().meterFilter(Metrics.latencyHistograms());
    registry.bind("metricsRegistry", meters);
    registry.bind("prepareEvaluation", step("prepareEvaluation"));
    registry.bind("readVerdicts", step("readVerdicts"));
    registry.bind("recordDetectorFailure", step("recordDetectorFailure"));
    registry.bind("ejectWithinFloor", step("ejectWithinFloor"));
  }

  private org.apache.camel.Processor step(String name) {
    return exchange -> steps.add(name + ":" + exchange.getFromRouteId());
  }

  @Override
  protected CamelContext createCamelContext() throws Exception {
    CamelContext context = super.createCamelContext();
    PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context,
        "file:routes/templates/breaker.camel.yaml"));
    context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:detector-answers").setBody(constant("[]"));
        from("direct:detector-fails").throwException(new IllegalStateException("backend unreachable"));
      }
    });
    return context;
  }

  private void breaker(String breaker, String detector) throws Exception {
    TemplatedRouteBuilder.builder(context, "breaker")
        .routeId("breaker.shop." + breaker)
        .parameter("namespace", "shop")
        .parameter("breakerConfig", "web")
        .parameter("breaker", breaker)
        .parameter("periodMillis", "100")
        .parameter("detector", "direct:detector-" + detector)
        .parameter("detectorName", detector)
        .add();
  }

  @Test
  void aTickIsTimedAndSoIsItsDetectorCall() throws Exception {
    breaker("errors", "answers");
    await().atMost(Duration.ofSeconds(10)).until(() -> steps.contains("ejectWithinFloor:breaker.shop.errors"));

    Timer detector = meters.get(Metrics.DETECTOR_REQUEST_DURATION)
        .tags("namespace", "shop", "breakerconfig", "web", "breaker", "errors", "detector", "answers").timer();
    assertThat(detector.count()).isPositive();
    assertThat(detector.takeSnapshot().histogramCounts()).as("histogram buckets for quantiles").isNotEmpty();
    assertThat(meters.get(Metrics.EVALUATION_DURATION)
        .tags("namespace", "shop", "breakerconfig", "web", "breaker", "errors").timer().count()).isPositive();
    assertThat(meters.find(Metrics.DETECTOR_ERRORS).counter()).isNull();
  }

  @Test
  void aFailingDetectorIsCountedAndTheTickStillTimed() throws Exception {
    breaker("latency", "fails");
    await().atMost(Duration.ofSeconds(10)).until(() -> steps.contains("recordDetectorFailure:breaker.shop.latency"));

    assertThat(meters.get(Metrics.DETECTOR_ERRORS)
        .tags("namespace", "shop", "breakerconfig", "web", "breaker", "latency", "detector", "fails").counter().count())
        .isPositive();
    await().atMost(Duration.ofSeconds(5)).until(() -> meters.find(Metrics.EVALUATION_DURATION)
        .tags("breaker", "latency").timer() != null);
    assertThat(steps).doesNotContain("ejectWithinFloor:breaker.shop.latency", "readVerdicts:breaker.shop.latency");
  }
}
