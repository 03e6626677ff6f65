package io.kubervisor.backtest.prometheus;

import io.kubervisor.backtest.BacktestException;
import io.kubervisor.detectors.http.Credentials;
import io.kubervisor.detectors.http.TrustedCas;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Prometheus at its URL, with the breaker's Authorization header and CA bundle as the operator sends them. The
 * certificate and host name are always verified, and redirects are not followed, so credentials go to that host only.
 */
public final class DirectPrometheus implements PrometheusApi {

  /** A range query over a block of a long window takes Prometheus longer than the operator's instant queries. */
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final String baseUrl;
  private final Credentials credentials;
  private final HttpClient http;

  /** @param credentials the breaker's Authorization header and CA bundle, each null when it has none */
  public DirectPrometheus(String baseUrl, Credentials credentials) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.credentials = credentials;
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
    if (credentials.caPem() != null) {
      builder.sslContext(TrustedCas.sslContext(credentials.caPem()));
    }
    this.http = builder.build();
  }

  @Override
  public String get(String pathAndQuery) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(TIMEOUT);
    if (credentials.authorization() != null) {
      request.header("Authorization", credentials.authorization());
    }
    try {
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        throw new BacktestException("Prometheus at " + baseUrl + " refused the request (HTTP " + response.statusCode()
            + "): " + (credentials.authorization() == null ? "it wants credentials, and the backtest has none to send"
            : "check the breaker's credentials"));
      }
      return Answers.fromPrometheus(response.statusCode(), response.body(), "Prometheus at " + baseUrl);
    } catch (SSLException e) {
      throw new BacktestException("the TLS handshake with " + baseUrl + " failed: " + e.getMessage() + "; its"
          + " certificate must chain to the breaker's tls.ca (else the JVM's authorities) and name the host", e);
    } catch (IOException e) {
      throw new BacktestException("cannot reach Prometheus at " + baseUrl + ": " + e + "; check the URL, or reach"
          + " it another way with --prometheus URL (for instance through kubectl port-forward)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BacktestException("interrupted while asking Prometheus at " + baseUrl, e);
    }
  }

  @Override
  public String describe() {
    return "at " + baseUrl;
  }
}
