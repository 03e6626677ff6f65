package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  @Test
  void servesTheExpositionAsPrometheusScrapesIt() throws Exception {
    try (MetricsServer server = new MetricsServer(() -> "up 1\n")) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
          assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(response.body()).isEqualTo("up 1\n");
    }
  }
}
