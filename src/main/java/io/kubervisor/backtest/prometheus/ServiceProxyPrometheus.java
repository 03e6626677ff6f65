package io.kubervisor.backtest.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kubervisor.backtest.BacktestException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prometheus behind a Service of the cluster, reached through the API server's service proxy with the user's
 * kubeconfig, as kubectl tools do: {@code /api/v1/namespaces/NS/services/[https:]NAME:PORT/proxy/...}.
 */
public final class ServiceProxyPrometheus implements PrometheusApi {

  private static final long TIMEOUT_MINUTES = 2;

  private final KubernetesClient client;
  private final ServiceUrl service;

  public ServiceProxyPrometheus(KubernetesClient client, ServiceUrl service) {
    this.client = client;
    this.service = service;
  }

  @Override
  public String get(String pathAndQuery) {
    HttpClient http = client.getHttpClient();
    String server = client.getMasterUrl().toString().replaceAll("/+$", "");
    try {
      HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder()
          .uri(server + service.proxyPath() + pathAndQuery).timeout(TIMEOUT_MINUTES, TimeUnit.MINUTES).build(),
          String.class).get(TIMEOUT_MINUTES + 1, TimeUnit.MINUTES);
      JsonNode body = Answers.json(response.body());
      if (!response.isSuccessful() && "Status".equals(body.path("kind").asText())) {
        throw refused(response.code(), body.path("message").asText(), server);
      }
      return Answers.fromPrometheus(response.code(), response.body(), "Prometheus " + describe());
    } catch (ExecutionException e) {
      throw new BacktestException("cannot reach the Kubernetes API at " + server + " to ask Prometheus " + describe()
          + ": " + e.getCause() + "; check that the cluster is up and that your kubeconfig points to it", e);
    } catch (TimeoutException e) {
      throw new BacktestException("Prometheus " + describe() + " did not answer within " + TIMEOUT_MINUTES
          + " minutes; try a shorter window", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BacktestException("interrupted while asking Prometheus " + describe(), e);
    }
  }

  /** The API server's own refusal, as a Status, turned into what to do. */
  private BacktestException refused(int code, String message, String server) {
    String target = "service " + service.namespace() + "/" + service.name() + ":" + service.port();
    return new BacktestException(switch (code) {
      case 401 -> "the API server at " + server + " refused your credentials (401 Unauthorized); renew them in your"
          + " kubeconfig";
      case 403 -> "not allowed to reach " + target + " through the API server's service proxy: " + message + "; ask"
          + " for RBAC get on services/proxy in namespace " + service.namespace() + ", or pass --prometheus URL";
      case 404 -> target + " not found: " + message + "; check the breaker's prometheusService, or pass"
          + " --prometheus URL";
      case 503 -> "the API server cannot reach " + target + ": " + message + "; check that Prometheus runs behind"
          + " it, or pass --prometheus URL";
      default -> "the API server could not proxy to " + target + ": HTTP " + code + " " + message;
    });
  }

  @Override
  public String describe() {
    return "at " + service.url() + " through the API server's service proxy";
  }
}
