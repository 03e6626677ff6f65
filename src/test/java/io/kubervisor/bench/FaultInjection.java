package io.kubervisor.bench;

import static org.awaitility.Awaitility.await;

import io.kubervisor.bench.FleetLayout.ServiceRef;
import io.kubervisor.testing.LocalPrometheus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Makes one pod bad in each of some Services, at times spread over one evaluation period (so the faults fall at every
 * phase of the breakers' schedules), and times, for each: when the fault became visible in Prometheus (the breaker's
 * own rule over its query holds, polled every {@link #POLL}), when the pod left traffic and when it left the
 * EndpointSlice.
 */
final class FaultInjection {

  private static final Duration POLL = Duration.ofMillis(250);
  /** Past this after the last fault, a pod still in traffic counts as not ejected. */
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  /** One pod made bad. */
  record Fault(ServiceRef service, String pod) {

    String key() {
      return service.namespace() + "/" + pod;
    }
  }

  private final World world;
  private final TrafficExits trafficExits;
  private final SliceExits sliceExits;
  private final Map<String, Long> faultNanos = new ConcurrentHashMap<>();
  private final Map<String, Long> visibleNanos = new ConcurrentHashMap<>();

  FaultInjection(World world, TrafficExits trafficExits, SliceExits sliceExits) {
    this.world = world;
    this.trafficExits = trafficExits;
    this.sliceExits = sliceExits;
  }

  /** One pod in each of {@code count} Services spread over the layout. */
  static List<Fault> choose(World world, int count) {
    List<ServiceRef> services = world.layout().services();
    int faults = Math.min(count, services.size());
    List<Fault> chosen = new ArrayList<>();
    for (int i = 0; i < faults; i++) {
      ServiceRef service = services.get(i * services.size() / faults);
      chosen.add(new Fault(service, world.podsByService().get(service).stream().sorted().findFirst().orElseThrow()));
    }
    return chosen;
  }

  Faults run(List<Fault> faults) throws InterruptedException {
    int ejectedBeforeFaults = trafficExits.exits();
    ScheduledExecutorService injector = Executors.newSingleThreadScheduledExecutor();
    long spacingNanos = BenchBreakerConfig.PERIOD.toNanos() / faults.size();
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      injector.schedule(() -> {
        sliceExits.watch(fault.key(), fault.service());
        faultNanos.put(fault.key(), world.exporter().fail(fault.service().namespace(), fault.pod()));
      }, i * spacingNanos, TimeUnit.NANOSECONDS);
    }
    try {
      await("every bad pod visible, out of traffic and out of its EndpointSlice")
          .atMost(BenchBreakerConfig.PERIOD.plus(DEADLINE)).pollDelay(Duration.ZERO).pollInterval(POLL)
          .dontCatchUncaughtExceptions()
          .until(() -> {
            pollVisibility(faults);
            return faults.stream().allMatch(fault -> visibleNanos.containsKey(fault.key())
                && trafficExits.exitNanos(fault.key()) != null && sliceExits.exitNanos(fault.key()) != null);
          });
    } catch (ConditionTimeoutException someNeverLeft) {
      // Reported as pods not ejected.
    } finally {
      injector.shutdownNow();
      injector.awaitTermination(5, TimeUnit.SECONDS);
    }
    return Faults.of(faults.stream().map(this::timing).toList(), ejectedBeforeFaults);
  }

  /** Asks Prometheus, as the breakers would, about the bad pods not yet seen bad; the time is when it was asked. */
  private void pollVisibility(List<Fault> faults) throws IOException {
    List<String> pending = faults.stream().map(Fault::key)
        .filter(key -> faultNanos.containsKey(key) && !visibleNanos.containsKey(key)).toList();
    if (pending.isEmpty()) {
      return;
    }
    String pods = pending.stream().map(key -> key.substring(key.indexOf('/') + 1)).collect(Collectors.joining("|"));
    long asked = System.nanoTime();
    Map<String, double[]> goodAndBad = new HashMap<>();
    for (LocalPrometheus.Sample sample : world.prometheus().query(
        BenchBreakerConfig.CODES_BY_POD.formatted("pod=~\"" + pods + "\""))) {
      double[] counts = goodAndBad.computeIfAbsent(sample.labels().get("namespace") + "/" + sample.labels().get("pod"),
          key -> new double[2]);
      counts["200".equals(sample.labels().get("code")) ? 0 : 1] += sample.value();
    }
    goodAndBad.forEach((key, counts) -> {
      if (pending.contains(key) && BenchBreakerConfig.anomalous(counts[0], counts[1])) {
        visibleNanos.put(key, asked);
      }
    });
  }

  private Faults.Timing timing(Fault fault) {
    Long injected = faultNanos.get(fault.key());
    Long visible = visibleNanos.get(fault.key());
    return new Faults.Timing(fault.key(), seconds(injected, visible), seconds(visible,
        trafficExits.exitNanos(fault.key())), seconds(visible, sliceExits.exitNanos(fault.key())));
  }

  private static Double seconds(Long fromNanos, Long toNanos) {
    return fromNanos == null || toNanos == null ? null : (toNanos - fromNanos) / 1e9;
  }
}
