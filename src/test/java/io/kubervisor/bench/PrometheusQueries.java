package io.kubervisor.bench;

import io.kubervisor.testing.LocalPrometheus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The instant queries Prometheus has answered so far, from its own /metrics. */
final class PrometheusQueries {

  private static final String QUERIES = "prometheus_http_requests_total{";
  private static final String QUERY_HANDLER = "handler=\"/api/v1/query\"";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusQueries() {}

  static double answered(LocalPrometheus prometheus) throws IOException {
    HttpResponse<String> response;
    try {
      response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading Prometheus' metrics");
    }
    // One series per response code.
    return response.body().lines()
        .filter(line -> line.startsWith(QUERIES) && line.contains(QUERY_HANDLER))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
