package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.fixtures.TestPods;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplanationTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void aBrokenPodWithWhyWhenAndKubervisorsEvents() {
    Pod pod = new PodBuilder(TestPods.pod("web-2", Map.of("kubervisor/traffic", "no"), true))
        .editMetadata().withAnnotations(Map.of("kubervisor.io/breaker", "http-errors",
            "kubervisor.io/breakerconfig", "web", "kubervisor.io/reason", "52% of 120 events bad",
            "kubervisor.io/value", "52.0", "kubervisor.io/retries", "2",
            "kubervisor.io/broken-at", "2025-06-01T11:59:35Z")).endMetadata().build();
    PodStatus reported = new PodStatus();
    reported.nextRetry = "2025-06-01T12:00:14Z";
    List<Event> events = List.of(
        event("kubervisor", "Warning", "OutOfTraffic", "Taken out of traffic by breaker http-errors", "11:59:35"),
        event("kubelet", "Normal", "Pulled", "Image pulled", "11:58:00"),
        event("kubervisor", "Normal", "BackInTraffic", "Returned to traffic for retry 1", "11:59:20"));

    assertThat(Explanation.of(pod, "shop", reported, events, NOW)).isEqualTo("""
        Pod web-2 in namespace shop is out of traffic: a breaker took it out (kubervisor/traffic=no); kubervisor \
        retries it by itself.
          Breaker:     http-errors (BreakerConfig web)
          Reason:      52% of 120 events bad
          Value:       52.0
          Broken:      2025-06-01T11:59:35Z (25s ago)
          Retries:     2
          Next retry:  2025-06-01T12:00:14Z (in 14s)

        Events from kubervisor:
          AGE       TYPE      REASON          MESSAGE
          40s ago   Normal    BackInTraffic   Returned to traffic for retry 1
          25s ago   Warning   OutOfTraffic    Taken out of traffic by breaker http-errors
        """);
  }

  @Test
  void aPausedPodSaysHowToResumeItAndAnUnlabelledOneWhyItIsNotManaged() {
    Pod paused = TestPods.pod("web-3", Map.of("kubervisor/traffic", "pause"), true);
    Pod unlabelled = TestPods.pod("web-4", Map.of(), false);

    assertThat(Explanation.of(paused, "shop", null, List.of(), NOW)).startsWith("Pod web-3 in namespace shop is out of"
        + " traffic: paused for investigation (kubervisor/traffic=pause). Resume it with: kubectl kubervisor resume"
        + " web-3 -n shop\n").endsWith("No Events from kubervisor about this pod.\n");
    assertThat(Explanation.of(unlabelled, "shop", null, List.of(), NOW))
        .contains("has no kubervisor/traffic label kubervisor knows")
        .contains("It is not Running and Ready, so it gets no traffic whatever its label.");
  }

  private static Event event(String component, String type, String reason, String message, String time) {
    return new EventBuilder().withNewMetadata().withName(reason).endMetadata().withType(type).withReason(reason)
        .withMessage(message).withLastTimestamp("2025-06-01T" + time + "Z").withNewSource(component, null)
        .withReportingComponent(component).build();
  }
}
