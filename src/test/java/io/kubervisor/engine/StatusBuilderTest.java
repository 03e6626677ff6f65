package io.kubervisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigSpec;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.BreakerEvaluation.Outcome;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusBuilderTest {

  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  static final Service SERVICE = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("ns")
      .endMetadata().withNewSpec().withSelector(Map.of("app", "web")).endSpec().build();

  static BreakerConfig config(Mode mode) {
    BreakerConfig config = new BreakerConfig();
    config.setMetadata(new ObjectMetaBuilder().withName("bc").withNamespace("ns").withGeneration(4L).build());
    config.setSpec(new BreakerConfigSpec());
    config.getSpec().service = "web";
    config.getSpec().mode = mode;
    BreakerSpec breaker = new BreakerSpec();
    breaker.name = "errors";
    config.getSpec().breakers.add(breaker);
    return config;
  }

  static Pass pass(BreakerConfig config, Service service, List<Pod> pods, Supervision supervision) {
    Pass pass = new Pass(supervision, () -> { }, NOW);
    pass.config = config;
    pass.service = service;
    pass.pods = pods.stream().map(CachedPod::of).toList();
    pass.desired = pass.pods.size();
    return pass;
  }

  static Supervision supervision() {
    return new Supervision("ns", "bc");
  }

  static BreakerConfigStatus build(BreakerConfig config, Service service, List<Pod> pods, Supervision supervision,
      Instant now) {
    return StatusBuilder.build(pass(config, service, pods, supervision), now);
  }

  static Pod pod(String name, String traffic, Map<String, String> annotations) {
    Pod pod = io.kubervisor.fixtures.TestPods.pod(name, Map.of("app", "web", TrafficLabels.TRAFFIC, traffic),
        true);
    pod.getMetadata().setAnnotations(annotations);
    return pod;
  }

  @Test
  void countsAndListsThePodsOutOfTraffic() {
    List<Pod> pods = List.of(pod("a", "yes", null), pod("b", "no", Map.of(TrafficLabels.BREAKER, "errors",
        TrafficLabels.RETRIES, "2", TrafficLabels.REASON, "too many 500", TrafficLabels.VALUE, "30.0",
        TrafficLabels.BROKEN_AT, "2026-11-25T09:59:00Z")), pod("c", "pause", null), pod("d", "maybe", null));

    BreakerConfigStatus status = build(config(Mode.Enabled), SERVICE, pods,
        supervision(), NOW);

    assertThat(status.observedGeneration).isEqualTo(4L);
    assertThat(List.of(status.managed, status.inTraffic, status.broken, status.paused, status.unknown))
        .containsExactly(4, 1, 1, 1, 1);
    assertThat(status.pods).extracting(p -> p.name).containsExactly("b", "c", "d");
    assertThat(status.pods.get(0)).satisfies(p -> {
      assertThat(p.state).isEqualTo(State.Broken);
      assertThat(p.retries).isEqualTo(2);
      assertThat(p.reason).isEqualTo("too many 500");
      assertThat(p.since).isEqualTo("2026-11-25T09:59:00Z");
    });
    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo(Conditions.Reasons.RUNNING);
  }

  @Test
  void aRefusedWriteShowsAsForbiddenUntilNoTickHasBeenRefusedForAWhile() {
    Supervision supervision = supervision();
    String refusal = "the operator may not take pods out of traffic: pods \"web-1\" is forbidden";
    assertThat(supervision.refused(refusal, NOW)).as("news: logged").isTrue();
    assertThat(supervision.refused(refusal, NOW.plusSeconds(1))).as("the same refusal, a tick later").isFalse();
    List<Pod> pods = List.of(pod("a", "yes", null));

    Condition ready = condition(build(config(Mode.Enabled), SERVICE, pods, supervision,
        NOW.plusSeconds(30)), Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(Conditions.Reasons.FORBIDDEN);
    assertThat(ready.getMessage()).contains("is forbidden");

    Instant noRefusalSince = NOW.plusSeconds(1).plus(Supervision.REFUSAL_SHOWN_FOR);
    assertThat(condition(build(config(Mode.Enabled), SERVICE, pods, supervision,
        noRefusalSince), Conditions.READY).getReason()).isEqualTo(Conditions.Reasons.RUNNING);
  }

  @Test
  void detectorErrorsAndSparedPodsShowInConditions() {
    Supervision supervision = supervision();
    BreakerEvaluation failed = new BreakerEvaluation();
    failed.breaker = "errors";
    failed.outcome = Outcome.DetectorError;
    failed.error = "bad_data: parse error";
    supervision.outcomes.put(failed.breaker, failed);
    supervision.spared = List.of("a", "b", "c");

    BreakerConfigStatus status = build(config(Mode.Enabled), SERVICE, List.of(),
        supervision, NOW);

    Condition detectors = condition(status, Conditions.DETECTORS_HEALTHY);
    assertThat(detectors.getStatus()).isEqualTo("False");
    assertThat(detectors.getReason()).isEqualTo(Conditions.Reasons.DETECTOR_ERROR);
    assertThat(detectors.getMessage()).isEqualTo("errors: bad_data: parse error");
    assertThat(condition(status, Conditions.FLEET_DEGRADED).getMessage()).startsWith("3 anomalous pod(s)");
  }

  @Test
  void unavailableCredentialsHaveTheirOwnReason() {
    Supervision supervision = supervision();
    BreakerEvaluation failed = new BreakerEvaluation();
    failed.breaker = "errors";
    failed.outcome = Outcome.CredentialsUnavailable;
    failed.error = "basicAuth: key 'password' of Secret ns/prom: not found";
    supervision.outcomes.put(failed.breaker, failed);
    BreakerEvaluation otherFailure = new BreakerEvaluation();
    otherFailure.breaker = "latency";
    otherFailure.outcome = Outcome.DetectorError;
    otherFailure.error = "timeout";
    supervision.outcomes.put(otherFailure.breaker, otherFailure);

    Condition detectors = condition(build(config(Mode.Enabled), SERVICE, List.of(),
        supervision, NOW), Conditions.DETECTORS_HEALTHY);

    assertThat(detectors.getStatus()).isEqualTo("False");
    assertThat(detectors.getReason()).isEqualTo(Conditions.Reasons.CREDENTIALS_UNAVAILABLE);
    assertThat(detectors.getMessage()).isEqualTo("errors: basicAuth: key 'password' of Secret ns/prom: not found;"
        + " latency: timeout");
  }

  @Test
  void missingServiceAndConflictMakeItNotReady() {
    BreakerConfigStatus noService = build(config(Mode.Enabled), null, List.of(),
        supervision(), NOW);
    assertThat(condition(noService, Conditions.SERVICE_FOUND).getStatus()).isEqualTo("False");
    assertThat(condition(noService, Conditions.READY).getReason()).isEqualTo(Conditions.Reasons.SERVICE_NOT_FOUND);

    Supervision conflict = supervision();
    conflict.conflict = "Service web is already supervised by BreakerConfig first";
    BreakerConfigStatus claimed = build(config(Mode.Enabled), SERVICE, List.of(),
        conflict, NOW);
    assertThat(condition(claimed, Conditions.CONFLICT).getStatus()).isEqualTo("True");
    assertThat(condition(claimed, Conditions.READY).getMessage()).contains("already supervised by");
  }

  @Test
  void aConditionKeepsItsTransitionTimeWhileItsStatusHolds() {
    BreakerConfig config = config(Mode.DryRun);
    config.setStatus(build(config, SERVICE, List.of(), supervision(), NOW));

    BreakerConfigStatus later = build(config, SERVICE, List.of(), supervision(),
        NOW.plusSeconds(300));
    BreakerConfigStatus changed = build(config, null, List.of(), supervision(),
        NOW.plusSeconds(300));

    assertThat(condition(later, Conditions.READY).getLastTransitionTime()).isEqualTo(NOW.toString());
    assertThat(condition(changed, Conditions.READY).getLastTransitionTime()).isEqualTo(NOW.plusSeconds(300).toString());
  }

  private static Condition condition(BreakerConfigStatus status, String type) {
    return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }
}
