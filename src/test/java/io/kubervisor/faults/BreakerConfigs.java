package io.kubervisor.faults;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Conditions;
import java.time.Duration;
import java.util.Optional;

/**
 * The BreakerConfigs of the fault suite and the soak, named {@value #NAME} after the fleet's Service, and the reads of
 * them that tests wait on. Every breaker keeps half of the fleet in traffic, and judges pods from their first second.
 */
final class BreakerConfigs {

  static final String NAME = "web";
  private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);

  private BreakerConfigs() {}

  /**
   * An external detector, asked every {@code evaluationPeriod}.
   *
   * @param activator the activator in YAML flow style, e.g. {@code {mode: periodic, period: 4s}}
   */
  static BreakerConfig external(String ns, String detectorUrl, Duration evaluationPeriod, String activator) {
    return breakerConfig(ns, """
        service: web
        breakers:
          - name: external
            evaluationPeriod: %ds
            warmup: 0s
            minPodsAvailableRatio: 50
            external:
              url: %s
        defaultActivator: %s
        """.formatted(evaluationPeriod.toSeconds(), detectorUrl, activator));
  }

  /**
   * A pod whose share of non-200 requests over the last 5 s exceeds 10 % leaves traffic; the series come from a
   * PodMetricsServer that the Prometheus at {@code prometheusUrl} scrapes.
   */
  static BreakerConfig errorRatio(String ns, String prometheusUrl, Duration evaluationPeriod, String activator) {
    return breakerConfig(ns, """
        service: web
        breakers:
          - name: errors
            evaluationPeriod: %ds
            warmup: 0s
            minPodsAvailableRatio: 50
            discreteValueOutOfList:
              prometheusService: %s
              promQL: sum by (pod, code) (increase(http_requests_total{namespace="%s"}[5s]))
              key: code
              goodValues: ["200"]
              tolerancePercent: 10
              minActivity: 5
        defaultActivator: %s
        """.formatted(evaluationPeriod.toSeconds(), prometheusUrl, ns, activator));
  }

  static void apply(KubernetesClient client, BreakerConfig config) {
    client.resources(BreakerConfig.class).inNamespace(config.getMetadata().getNamespace()).resource(config).create();
  }

  static BreakerConfig get(KubernetesClient client, String ns) {
    return client.resources(BreakerConfig.class).inNamespace(ns).withName(NAME).get();
  }

  static Optional<Condition> condition(KubernetesClient client, String ns, String type) {
    return condition(get(client, ns), type);
  }

  /** Empty while {@code config} is null or has no status yet. */
  static Optional<Condition> condition(BreakerConfig config, String type) {
    return config == null || config.getStatus() == null ? Optional.empty()
        : config.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Waits until it is Ready, and its status counts every one of {@code replicas} pods in traffic. */
  static void awaitRunning(KubernetesClient client, String ns, int replicas) {
    await("BreakerConfig " + ns + "/" + NAME + " running over " + replicas + " pods in traffic")
        .atMost(RUNNING_TIMEOUT).until(() -> {
          BreakerConfig config = get(client, ns);
          return condition(config, Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false)
              && Integer.valueOf(replicas).equals(config.getStatus().inTraffic);
        });
  }

  /** Deletes it, and waits until the operator has let it go (its finalizer done) and it is gone. */
  static void deleteAndAwaitGone(KubernetesClient client, String ns) {
    client.resources(BreakerConfig.class).inNamespace(ns).withName(NAME).delete();
    await("BreakerConfig " + ns + "/" + NAME + " gone").atMost(RUNNING_TIMEOUT).until(() -> get(client, ns) == null);
  }

  private static BreakerConfig breakerConfig(String ns, String spec) {
    return Serialization.unmarshal("""
        apiVersion: kubervisor.io/v1alpha1
        kind: BreakerConfig
        metadata:
          name: %s
          namespace: %s
        spec:
        """.formatted(NAME, ns) + spec.indent(2), BreakerConfig.class);
  }
}
