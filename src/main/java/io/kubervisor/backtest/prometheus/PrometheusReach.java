package io.kubervisor.backtest.prometheus;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.HttpEndpoint;
import io.kubervisor.api.v1alpha1.PrometheusQuery;
import io.kubervisor.backtest.BacktestException;
import io.kubervisor.backtest.History;
import io.kubervisor.detectors.DetectorExchange;
import io.kubervisor.detectors.PrometheusRequest;
import io.kubervisor.detectors.http.Credentials;
import io.kubervisor.detectors.http.CredentialsResolver;
import io.kubervisor.detectors.http.CredentialsUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How the backtest reaches each breaker's Prometheus: at the URL the user gave ({@code --prometheus}), else through the
 * API server's service proxy when the breaker's URL names a Service of the cluster, else directly at that URL.
 * Directly, the breaker's credentials and CA bundle are used where the user's kubeconfig can read their Secrets and
 * ConfigMaps; where it cannot, or through the proxy, which keeps the Authorization header for itself, Prometheus is
 * asked without them and a warning says so.
 */
public final class PrometheusReach {

  private static final Credentials NONE = new Credentials(null, null);

  private final String override;
  private final Supplier<KubernetesClient> cluster;
  private final Consumer<String> warnings;
  private final Map<String, PrometheusHistory> histories = new HashMap<>();
  private final Set<String> reached = new LinkedHashSet<>();

  /**
   * @param override the URL of --prometheus, or null
   * @param cluster the user's client, connected on first use
   * @param warnings told what the backtest cannot use, once per breaker
   */
  public PrometheusReach(String override, Supplier<KubernetesClient> cluster, Consumer<String> warnings) {
    this.override = override;
    this.cluster = cluster;
    this.warnings = warnings;
  }

  /** The history of a BreakerConfig: each question of its Prometheus breakers asked of that breaker's Prometheus. */
  public History historyOf(BreakerConfig config) {
    Map<String, PrometheusHistory> byQuestion = new HashMap<>();
    for (BreakerSpec breaker : config.getSpec().breakers) {
      if (!(DetectorExchange.httpEndpoint(breaker) instanceof PrometheusQuery)) {
        continue;
      }
      PrometheusHistory history = historyOf(config, breaker);
      List<String> questions = new ArrayList<>(List.of(PrometheusRequest.first(breaker)));
      if (PrometheusRequest.second(breaker) != null) {
        questions.add(PrometheusRequest.second(breaker));
      }
      for (String question : questions) {
        if (byQuestion.containsKey(question) && byQuestion.get(question) != history) {
          throw new BacktestException("two breakers of " + name(config) + " ask " + question + " of different"
              + " Prometheus servers, which the replay cannot tell apart; give one with --prometheus URL");
        }
        byQuestion.put(question, history);
      }
    }
    return (promQL, from, to, step) -> byQuestion.get(promQL).range(promQL, from, to, step);
  }

  /** How each breaker's Prometheus was reached, a line per breaker. */
  public List<String> reached() {
    return List.copyOf(reached);
  }

  /** The range queries asked of every Prometheus. */
  public int queries() {
    return histories.values().stream().mapToInt(PrometheusHistory::queries).sum();
  }

  private PrometheusHistory historyOf(BreakerConfig config, BreakerSpec breaker) {
    PrometheusQuery query = (PrometheusQuery) DetectorExchange.httpEndpoint(breaker);
    String namespace = config.getMetadata().getNamespace();
    String who = "breaker " + breaker.name + " of " + name(config);
    PrometheusApi api;
    Credentials credentials = NONE;
    ServiceUrl service = override != null ? null
        : ServiceUrl.parse(query.prometheusService, namespace).filter(s -> s.explicit() || exists(s)).orElse(null);
    if (service != null) {
      if (query.authorization != null || query.basicAuth != null) {
        warnings.accept(who + ": its credentials cannot pass the API server's service proxy, which keeps the"
            + " Authorization header for itself, so Prometheus is asked without them; if it needs them, reach it"
            + " directly: kubectl port-forward -n " + service.namespace() + " svc/" + service.name() + " "
            + service.port() + ", then --prometheus " + (service.https() ? "https" : "http") + "://localhost:"
            + service.port() + service.path());
      }
      api = new ServiceProxyPrometheus(cluster.get(), service);
    } else {
      credentials = credentials(who, namespace, query);
      api = new DirectPrometheus(override != null ? override : query.prometheusService, credentials);
    }
    reached.add(who + ": Prometheus " + api.describe() + (override != null ? " (--prometheus)" : ""));
    return histories.computeIfAbsent(api.describe() + " " + credentials.authorization() + " " + credentials.caPem(),
        key -> new PrometheusHistory(api));
  }

  private Credentials credentials(String who, String namespace, HttpEndpoint endpoint) {
    if (endpoint.authorization == null && endpoint.basicAuth == null && endpoint.tls == null) {
      return NONE;
    }
    try {
      return new CredentialsResolver(cluster.get(), "your kubeconfig's user needs RBAC get on it").resolve(namespace,
          endpoint);
    } catch (CredentialsUnavailableException e) {
      warnings.accept(who + ": cannot use its credentials and CA bundle, so Prometheus is asked without them: "
          + e.getMessage());
      return NONE;
    }
  }

  /** Whether the cluster has the Service a URL without .svc may name; when the user may not read it, likely so. */
  private boolean exists(ServiceUrl service) {
    try {
      return cluster.get().services().inNamespace(service.namespace()).withName(service.name()).get() != null;
    } catch (KubernetesClientException e) {
      return e.getCode() == 403;
    }
  }

  private static String name(BreakerConfig config) {
    return config.getMetadata().getNamespace() + "/" + config.getMetadata().getName();
  }
}
