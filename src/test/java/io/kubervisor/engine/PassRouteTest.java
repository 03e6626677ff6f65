package io.kubervisor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.detectors.DetectorRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervision loop of routes/supervisor.camel.yaml, run by Camel: the dispatcher, the pass route and its detector
 * calls. The reconcile, decision and status steps are stand-ins; the detector-call steps and the end of a pass are the
 * real ones.
 */
class PassRouteTest extends CamelTestSupport {

  private static final long DEADLINE_MILLIS = 800;

  /** What the stand-in dispatcher hands over at its next tick. */
  private final Queue<Supervision> due = new ConcurrentLinkedQueue<>();
  /** What the stand-in reconcile does for each BreakerConfig, by name. */
  private final Map<String, Function<Pass, Pass>> reconciles = new ConcurrentHashMap<>();
  private final Queue<Pass> decided = new ConcurrentLinkedQueue<>();
  /** The threads the decisions ran on. */
  private final Queue<String> deciders = new ConcurrentLinkedQueue<>();
  private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final CountDownLatch hang = new CountDownLatch(1);

  @AfterEach
  void releaseHangingDetector() {
    hang.countDown();
  }

  @Override
  protected void bindToRegistry(Registry registry) {
    Clock clock = Clock.systemUTC();
    registry.bind("duePasses", (Processor) exchange -> {
      List<Supervision> claimed = new ArrayList<>();
      for (Supervision next = due.poll(); next != null; next = due.poll()) {
        if (next.claim()) {
          claimed.add(next);
        }
      }
      exchange.getIn().setBody(claimed);
    });
    registry.bind("reconcile", Contained.errors(exchange -> {
      Supervision supervision = exchange.getIn().getBody(Supervision.class);
      Pass pass = new Pass(supervision, () -> { }, clock.instant());
      exchange.setProperty(Reconcile.PASS, pass);
      exchange.getIn().setBody(reconciles.get(supervision.name).apply(pass));
    }));
    registry.bind("detectorCalls", context().getExecutorServiceManager().newFixedThreadPool(this, "detector-calls", 4));
    registry.bind("prepareDetectorCall", Contained.errors(new PrepareDetectorCall()));
    registry.bind("readVerdicts", Contained.errors(new ReadVerdicts(1024)));
    registry.bind("detectorFailed", Contained.errors(new DetectorFailed()));
    registry.bind("activate", (Processor) exchange -> { });
    registry.bind("ejectWithinFloor", (Processor) exchange -> {
      deciders.add(Thread.currentThread().getName());
      decided.add(exchange.getIn().getBody(Pass.class));
    });
    registry.bind("writeStatus", (Processor) exchange -> { });
    registry.bind("recordPassFailure", (Processor) exchange ->
        failures.add(exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    registry.bind("endPass", Contained.errors(new EndPass(new PassMetrics(new SimpleMeterRegistry()), clock)));
  }

  @Override
  protected CamelContext createCamelContext() throws Exception {
    CamelContext context = super.createCamelContext();
    context.getPropertiesComponent().addInitialProperty("kubervisor.dispatch-period", "50");
    context.getPropertiesComponent().addInitialProperty("kubervisor.workers", "2");
    context.getPropertiesComponent().addInitialProperty("kubervisor.detector-deadline-millis",
        String.valueOf(DEADLINE_MILLIS));
    for (String file : List.of("routes/supervisor.camel.yaml", "routes/error-handling.camel.yaml")) {
      PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:" + file));
    }
    context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:detector-answers").setBody(constant("[{\"pod\":\"a\",\"anomalous\":false,\"value\":1}]"));
        from("direct:detector-fails").throwException(new IllegalStateException("backend unreachable"));
        from("direct:detector-runs-out-of-memory").process(Contained.errors(exchange -> {
          throw new OutOfMemoryError("Java heap space");
        }));
        from("direct:detector-hangs").process(exchange -> hang.await(30, TimeUnit.SECONDS));
      }
    });
    return context;
  }

  private static BreakerCall call(String detector) {
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = detector;
    return new BreakerCall(breaker, detector, "direct:detector-" + detector,
        new DetectorRequest("ns", "web", "bc", detector, List.of("a")));
  }

  @Test
  void theDetectorsAreAskedTogetherAndEachCallKeepsItsOwnOutcome() {
    Supervision supervision = new Supervision("ns", "bc");
    reconciles.put("bc", pass -> {
      pass.calls.addAll(List.of(call("answers"), call("fails"), call("runs-out-of-memory"), call("hangs")));
      return pass;
    });
    due.add(supervision);

    await("the pass decided").atMost(Duration.ofSeconds(10)).until(() -> !decided.isEmpty());

    Pass pass = decided.poll();
    Map<String, BreakerCall.Outcome> outcomes = new ConcurrentHashMap<>();
    pass.calls.forEach(c -> outcomes.put(c.name(), c.outcome("abandoned")));
    assertThat(outcomes.get("answers").verdicts()).singleElement().satisfies(v -> assertThat(v.pod()).isEqualTo("a"));
    assertThat(outcomes.get("fails").failure()).hasMessage("backend unreachable");
    assertThat(outcomes.get("runs-out-of-memory").failure()).isInstanceOf(Contained.ContainedError.class)
        .hasMessageContaining("OutOfMemoryError: Java heap space");
    assertThat(outcomes.get("hangs").failure()).isInstanceOf(BreakerCall.DetectorDeadlineException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - pass.startedNanos)).as("one deadline for all the calls")
        .isLessThan(Duration.ofMillis(DEADLINE_MILLIS + 1500));
    assertThat(deciders).as("the pass goes on on its worker, not on a detector thread")
        .allSatisfy(thread -> assertThat(thread).contains("seda://pass"));
    await("released for its next pass").atMost(Duration.ofSeconds(5)).until(supervision::claim);
    assertThat(failures).isEmpty();
  }

  @Test
  void anErrorInAPassIsContainedAndTheBreakerConfigReleased() {
    Supervision supervision = new Supervision("ns", "poisoned");
    AtomicInteger passes = new AtomicInteger();
    reconciles.put("poisoned", pass -> {
      if (passes.incrementAndGet() == 1) {
        throw new OutOfMemoryError("Java heap space");
      }
      return pass;
    });
    due.add(supervision);
    await("the failure recorded").atMost(Duration.ofSeconds(5)).until(() -> !failures.isEmpty());
    assertThat(failures.peek()).isInstanceOf(Contained.ContainedError.class);

    await("released").atMost(Duration.ofSeconds(5)).until(() -> supervision.due(java.time.Instant.MAX));
    due.add(supervision);
    await("the next pass runs").atMost(Duration.ofSeconds(5)).until(() -> !decided.isEmpty());
  }

  @Test
  void aBreakerConfigIsNeverInTwoPassesAtOnce() throws InterruptedException {
    Supervision supervision = new Supervision("ns", "busy");
    AtomicInteger running = new AtomicInteger();
    AtomicInteger started = new AtomicInteger();
    CountDownLatch slowPass = new CountDownLatch(1);
    reconciles.put("busy", pass -> {
      started.incrementAndGet();
      running.incrementAndGet();
      try {
        slowPass.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      return pass;
    });
    due.add(supervision);
    await("the first pass running").atMost(Duration.ofSeconds(5)).until(() -> running.get() == 1);

    // The dispatcher offers the BreakerConfig again at every tick while its pass runs: none is started.
    for (int i = 0; i < 10; i++) {
      due.add(supervision);
    }
    await("every offer seen by the dispatcher").atMost(Duration.ofSeconds(5)).until(due::isEmpty);
    assertThat(started.get()).isEqualTo(1);

    slowPass.countDown();
    await("the pass ends").atMost(Duration.ofSeconds(5)).until(() -> decided.size() == 1);
    assertThat(running.get()).isZero();
  }

  @Test
  void theWorkersLookForPassesWithinATenthOfASecondFromTheStart() {
    // The first passes are queued while Camel starts, when a seda consumer sleeps one poll timeout before it polls.
    SedaEndpoint passes = (SedaEndpoint) context().getRoute("pass").getEndpoint();
    assertThat(passes.getPollTimeout()).isLessThanOrEqualTo(100);
  }
}
