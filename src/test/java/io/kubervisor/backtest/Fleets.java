package io.kubervisor.backtest;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.analysis.Sample;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Histories of a fleet held in memory, shaped like the ones Prometheus records, and BreakerConfigs to replay on them:
 * each pod serves 100 requests an instant, half of them 500 while it fails, with a latency of 0.1 s (0.4 s while it
 * fails), unless it is silent (no requests) or gone (no series).
 */
public final class Fleets {

  public static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  /** What a pod does at an instant. */
  public enum Behaviour { HEALTHY, FAILING, SILENT, GONE }

  private Fleets() {}

  /** Requests by code for a question about http_requests_total, else the latency gauge. */
  public static History history(List<String> pods, BiFunction<String, Instant, Behaviour> behaviour) {
    return (promQL, from, to, step) -> {
      NavigableMap<Instant, List<Sample>> answers = new TreeMap<>();
      for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
        List<Sample> samples = new ArrayList<>();
        for (String pod : pods) {
          Behaviour now = behaviour.apply(pod, t);
          if (now == Behaviour.GONE) {
            continue;
          }
          if (promQL.contains("http_requests_total")) {
            double requests = now == Behaviour.SILENT ? 0 : 100;
            double errors = now == Behaviour.FAILING ? requests / 2 : 0;
            samples.add(new Sample(Map.of("pod", pod, "code", "200"), requests - errors));
            samples.add(new Sample(Map.of("pod", pod, "code", "500"), errors));
          } else {
            samples.add(new Sample(Map.of("pod", pod), (now == Behaviour.FAILING ? 0.4 : 0.1) + jitter(pod, t)));
          }
        }
        answers.put(t, samples);
      }
      return answers;
    };
  }

  /** A few milliseconds that differ by pod and instant, as real latencies do. */
  private static double jitter(String pod, Instant t) {
    return Math.floorMod((pod + t.getEpochSecond()).hashCode(), 20) / 1000.0;
  }

  /** Fails between {@code start} and {@code end} seconds after {@link #T}, healthy otherwise. */
  public static BiFunction<String, Instant, Behaviour> failing(String bad, long start, long end) {
    return (pod, t) -> pod.equals(bad) && !t.isBefore(T.plusSeconds(start)) && t.isBefore(T.plusSeconds(end))
        ? Behaviour.FAILING : Behaviour.HEALTHY;
  }

  /**
   * BreakerConfig web of namespace shop with the breaker "errors" (every 10 s, no warmup, floor 50 %, the given
   * tolerance) and any other breakers, and the activator given.
   */
  public static BreakerConfig config(int tolerancePercent, String otherBreakers, String activator) {
    return webInShop("""
            - name: errors
              evaluationPeriod: 10s
              warmup: 0s
              minPodsAvailableRatio: 50
              discreteValueOutOfList:
                prometheusService: http://prometheus.monitoring.svc:9090
                promQL: sum by (pod, code) (increase(http_requests_total[1m]))
                key: code
                goodValues: ["200"]
                tolerancePercent: %d
        %s
          defaultActivator:
        %s
        """.formatted(tolerancePercent, otherBreakers.indent(4).stripTrailing(), activator.indent(4).stripTrailing()));
  }

  /** BreakerConfig web of namespace shop, for Service web, with these breakers: YAML list items, 4 spaces in. */
  public static BreakerConfig webInShop(String breakers) {
    return Serialization.unmarshal("""
        apiVersion: kubervisor.io/v1alpha1
        kind: BreakerConfig
        metadata: {name: web, namespace: shop}
        spec:
          service: web
          breakers:
        """ + breakers, BreakerConfig.class);
  }

  /** The run of a BreakerConfig over the window from {@link #T}, every 10 s. */
  public static Run run(String label, BreakerConfig config, History history, Duration window) {
    return Run.replay(label, config, history, new Window(T, T.plus(window), null), t -> { });
  }
}
