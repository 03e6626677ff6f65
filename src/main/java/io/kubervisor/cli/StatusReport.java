package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.api.v1alpha1.DryRunDecision;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What {@code status} prints: the BreakerConfigs, and for one of them its pods and what its status says. */
final class StatusReport {

  /** A reason longer than this is cut in the pod table; {@code explain} shows it whole. */
  private static final int REASON_WIDTH = 60;

  private StatusReport() {}

  static Table breakerConfigs(List<BreakerConfig> configs, boolean withNamespace) {
    List<String> headers = new ArrayList<>(List.of("NAME", "SERVICE", "MODE", "MANAGED", "IN TRAFFIC", "BROKEN",
        "PAUSED", "CONDITIONS"));
    if (withNamespace) {
      headers.add(0, "NAMESPACE");
    }
    Table table = new Table(headers.toArray(String[]::new));
    configs.stream()
        .sorted(Comparator.comparing((BreakerConfig c) -> c.getMetadata().getNamespace())
            .thenComparing(c -> c.getMetadata().getName()))
        .forEach(config -> {
          BreakerConfigStatus status = config.getStatus() == null ? new BreakerConfigStatus() : config.getStatus();
          List<String> cells = new ArrayList<>(List.of(config.getMetadata().getName(), config.getSpec().service,
              mode(config).name(), count(status.managed), count(status.inTraffic), count(status.broken),
              count(status.paused), ConditionSummary.of(status.conditions)));
          if (withNamespace) {
            cells.add(0, config.getMetadata().getNamespace());
          }
          table.row(cells.toArray(String[]::new));
        });
    return table;
  }

  /** Every pod of the Service with its traffic state and, when kubervisor took it out, why and until when. */
  static Table pods(List<Pod> pods, BreakerConfigStatus status, Instant now) {
    Map<String, PodStatus> known = status == null ? Map.of() : status.pods.stream()
        .collect(Collectors.toMap(p -> p.name, Function.identity(), (a, b) -> a));
    Table table = new Table("POD", "STATE", "BREAKER", "REASON", "VALUE", "RETRIES", "NEXT RETRY");
    pods.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).forEach(pod -> {
      String name = pod.getMetadata().getName();
      PodStatus reported = known.get(name);
      int retries = TrafficLabels.retries(pod);
      table.row(name, state(pod), TrafficLabels.annotation(pod, TrafficLabels.BREAKER),
          cut(TrafficLabels.annotation(pod, TrafficLabels.REASON)), TrafficLabels.annotation(pod, TrafficLabels.VALUE),
          retries == 0 ? null : String.valueOf(retries),
          reported == null ? null : Ages.relative(reported.nextRetry, now));
    });
    return table;
  }

  /**
   * Below the pod table: what the status says beyond it: activator notes, why conditions are unhealthy, the last
   * evaluations, the dry-run decisions.
   */
  static List<String> details(BreakerConfigStatus status, Instant now) {
    List<String> lines = new ArrayList<>();
    if (status == null) {
      lines.add("No status yet: kubervisor has not reconciled this BreakerConfig (is the operator running?).");
      return lines;
    }
    status.pods.stream().filter(p -> p.activator != null)
        .forEach(p -> lines.add("Pod " + p.name + ": " + p.activator));
    for (Condition condition : ConditionSummary.notable(status.conditions)) {
      boolean ready = Conditions.READY.equals(condition.getType()) && "True".equals(condition.getStatus());
      if (!ready && condition.getMessage() != null && !condition.getMessage().isBlank()) {
        lines.add(condition.getType() + "=" + condition.getStatus() + ": " + condition.getMessage());
      }
    }
    for (BreakerEvaluation evaluation : status.lastEvaluation) {
      lines.add("Breaker " + evaluation.breaker + ": " + evaluation.outcome + " " + Objects.toString(
          Ages.relative(evaluation.time, now), "") + evaluation(evaluation));
    }
    for (DryRunDecision decision : status.dryRun) {
      lines.add("DryRun, would take out " + decision.pod + " (breaker " + decision.breaker + ", "
          + Ages.relative(decision.time, now) + "): " + decision.reason);
    }
    return lines;
  }

  private static String evaluation(BreakerEvaluation e) {
    if (e.error != null) {
      return ": " + e.error;
    }
    return e.evaluated == null ? "" : ": " + e.evaluated + " pods judged, " + count(e.anomalous) + " anomalous, "
        + count(e.ejected) + " ejected, " + count(e.spared) + " spared by the floor";
  }

  static Mode mode(BreakerConfig config) {
    return config.getSpec().mode == null ? Mode.Enabled : config.getSpec().mode;
  }

  private static String state(Pod pod) {
    String state = TrafficLabels.state(pod).name();
    return ServicePods.isManaged(pod) ? state : state + " (not ready)";
  }

  private static String count(Integer value) {
    return value == null ? "0" : value.toString();
  }

  private static String cut(String text) {
    return text == null || text.length() <= REASON_WIDTH ? text : text.substring(0, REASON_WIDTH - 3) + "...";
  }
}
