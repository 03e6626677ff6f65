package io.kubervisor.faults;

import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.AdmissionWebhook;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An admission decision that cuts a pass between two of its ejections: it lets the first patch that takes a pod out
 * of traffic through, holds the next one until the test has killed the operator, then refuses it. The pass ends with
 * exactly one pod out, as a SIGKILL right after the first patch landed leaves it.
 */
final class EjectionCut implements Function<AdmissionWebhook.Request, Optional<Integer>> {

  /** Below the webhook's 5 s timeout, past which the API server would fail the request by itself. */
  private static final Duration LONGEST_HOLD = Duration.ofSeconds(4);

  private final AtomicReference<String> firstEjected = new AtomicReference<>();
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  @Override
  public Optional<Integer> apply(AdmissionWebhook.Request request) {
    if (!ejects(request) || firstEjected.compareAndSet(null, request.name())) {
      return Optional.empty();
    }
    holding.countDown();
    try {
      released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.of(500);
  }

  /** True once an ejection after the first one is held. */
  boolean holding() {
    return holding.getCount() == 0;
  }

  /** Refuses the held ejection. */
  void release() {
    released.countDown();
  }

  String firstEjected() {
    return firstEjected.get();
  }

  private static boolean ejects(AdmissionWebhook.Request request) {
    return "UPDATE".equals(request.operation()) && request.subResource().isEmpty() && request.object() != null
        && TrafficLabels.NO.equals(request.object().path("metadata").path("labels").path(TrafficLabels.TRAFFIC)
            .asText(null));
  }
}
