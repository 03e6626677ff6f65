package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigSpec;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.DryRunDecision;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.fixtures.TestPods;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusReportTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void aLinePerBreakerConfigSortedWithTheNamespaceForAllNamespaces() {
    BreakerConfig web = config("shop", "web", Mode.DryRun, status(10, 8, 2, 0));
    BreakerConfig cart = config("shop", "cart", null, null);

    assertThat(StatusReport.breakerConfigs(List.of(web, cart), false).lines()).containsExactly(
        "NAME   SERVICE   MODE      MANAGED   IN TRAFFIC   BROKEN   PAUSED   CONDITIONS",
        "cart   cart      Enabled   0         0            0        0        not reconciled yet",
        "web    web       DryRun    10        8            2        0        Ready=True");
    assertThat(StatusReport.breakerConfigs(List.of(web), true).lines().get(1)).startsWith("shop        web    web");
  }

  @Test
  void everyPodWithWhyItIsOutAndWhenItIsRetried() {
    Pod broken = new PodBuilder(TestPods.pod("web-2", Map.of("kubervisor/traffic", "no"), true))
        .editMetadata().withAnnotations(Map.of("kubervisor.io/breaker", "http-errors", "kubervisor.io/reason",
            "52% of 120 events bad (code 500), above tolerance 10%, and a long tail that no table should show",
            "kubervisor.io/value", "52.0", "kubervisor.io/retries", "2")).endMetadata().build();
    Pod inTraffic = TestPods.pod("web-1", Map.of("kubervisor/traffic", "yes"), true);
    Pod notReady = TestPods.pod("web-3", Map.of(), false);
    BreakerConfigStatus status = status(3, 1, 1, 0);
    PodStatus reported = new PodStatus();
    reported.name = "web-2";
    reported.nextRetry = "2025-06-01T12:00:14Z";
    status.pods = List.of(reported);

    assertThat(StatusReport.pods(List.of(broken, inTraffic, notReady), status, NOW).lines()).containsExactly(
        "POD     STATE                 BREAKER       REASON"
            + "                                                         VALUE   RETRIES   NEXT RETRY",
        "web-1   InTraffic             -             -"
            + "                                                              -       -         -",
        "web-2   Broken                http-errors   52% of 120 events bad (code 500), above tolerance 10%, an..."
            + "   52.0    2         in 14s",
        "web-3   Unknown (not ready)   -             -"
            + "                                                              -       -         -");
  }

  @Test
  void detailsSayWhatTheStatusAddsToThePods() {
    BreakerConfigStatus status = status(10, 5, 5, 0);
    status.conditions = List.of(
        new ConditionBuilder().withType("Ready").withStatus("True").withReason("Running")
            .withMessage("1 breaker(s) running").build(),
        new ConditionBuilder().withType("FleetDegraded").withStatus("True").withReason("FloorReached")
            .withMessage("3 anomalous pods kept in traffic by the floor of 5").build());
    BreakerEvaluation evaluation = new BreakerEvaluation();
    evaluation.breaker = "http-errors";
    evaluation.outcome = BreakerEvaluation.Outcome.Evaluated;
    evaluation.time = "2025-06-01T11:59:58Z";
    evaluation.evaluated = 10;
    evaluation.anomalous = 8;
    evaluation.ejected = 0;
    evaluation.spared = 3;
    status.lastEvaluation = List.of(evaluation);
    PodStatus refused = new PodStatus();
    refused.name = "web-4";
    refused.activator = "EvictionRefused: a PodDisruptionBudget forbids evicting the pod now";
    status.pods = List.of(refused);
    DryRunDecision decision = new DryRunDecision();
    decision.pod = "web-7";
    decision.breaker = "http-errors";
    decision.time = "2025-06-01T11:59:00Z";
    decision.reason = "30% bad";
    status.dryRun = List.of(decision);

    assertThat(StatusReport.details(status, NOW)).containsExactly(
        "Pod web-4: EvictionRefused: a PodDisruptionBudget forbids evicting the pod now",
        "FleetDegraded=True: 3 anomalous pods kept in traffic by the floor of 5",
        "Breaker http-errors: Evaluated 2s ago: 10 pods judged, 8 anomalous, 0 ejected, 3 spared by the floor",
        "DryRun, would take out web-7 (breaker http-errors, 1m ago): 30% bad");
    assertThat(StatusReport.details(null, NOW)).singleElement().asString().contains("is the operator running?");
  }

  private static BreakerConfig config(String namespace, String name, Mode mode, BreakerConfigStatus status) {
    BreakerConfig config = new BreakerConfig();
    config.getMetadata().setNamespace(namespace);
    config.getMetadata().setName(name);
    config.setSpec(new BreakerConfigSpec());
    config.getSpec().service = name;
    config.getSpec().mode = mode;
    config.setStatus(status);
    return config;
  }

  private static BreakerConfigStatus status(int managed, int inTraffic, int broken, int paused) {
    BreakerConfigStatus status = new BreakerConfigStatus();
    status.managed = managed;
    status.inTraffic = inTraffic;
    status.broken = broken;
    status.paused = paused;
    status.conditions = List.of(new ConditionBuilder().withType("Ready").withStatus("True").withReason("Running")
        .build());
    return status;
  }
}
