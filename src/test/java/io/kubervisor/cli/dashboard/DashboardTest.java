package io.kubervisor.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.backtest.Fleets;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.cli.Steering;
import io.kubervisor.cluster.TrafficLabels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's server against fabric8's mock API server: the state it streams follows the cluster, its actions are
 * the verbs', and it answers only this machine's pages.
 */
@EnableKubernetesMockClient(crud = true)
class DashboardTest {

  static final String NS = "shop";
  static final ObjectMapper JSON = new ObjectMapper();

  KubernetesClient client;
  Dashboard dashboard;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void aServiceOfThreePodsSupervised() {
    client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withSelector(Map.of("app", "web", TrafficLabels.TRAFFIC, TrafficLabels.YES)).endSpec()
        .build()).create();
    Stream.of("web-1", "web-2", "web-3").forEach(pod -> client.pods().inNamespace(NS).resource(new PodBuilder()
        .withNewMetadata().withName(pod).withLabels(Map.of("app", "web", TrafficLabels.TRAFFIC, TrafficLabels.YES))
        .endMetadata().withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
        .endCondition().endStatus().build()).create());
    client.resources(BreakerConfig.class).inNamespace(NS).resource(Fleets.webInShop("""
            - name: errors
              threshold:
                prometheusService: http://127.0.0.1:1
                promQL: errors
                above: 0.2
        """)).create();
    dashboard = Dashboard.start(client, new Scope(NS), 0);
  }

  @AfterEach
  void stop() {
    dashboard.close();
  }

  @Test
  void theStateListsTheBreakerConfigWithItsLivePods() throws Exception {
    JsonNode config = JSON.readTree(get("api/state").body()).path("configs").get(0);

    assertThat(config.path("name").asText()).isEqualTo("web");
    assertThat(config.path("mode").asText()).isEqualTo("Enabled");
    assertThat(config.path("managed").asInt()).isEqualTo(3);
    assertThat(config.path("inTraffic").asInt()).isEqualTo(3);
    assertThat(config.path("breakers").get(0).path("threshold").asText()).isEqualTo("above 0.2");
    assertThat(config.path("pods")).extracting(p -> p.path("name").asText()).containsExactly("web-1", "web-2",
        "web-3");
  }

  @Test
  void aRelabelledPodReachesAnOpenPageWithoutAsking() throws Exception {
    AtomicReference<String> last = new AtomicReference<>("");
    HttpResponse<Stream<String>> stream = http.send(request("api/stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    Thread reader = new Thread(() -> {
      try {
        stream.body().filter(line -> line.startsWith("data: ")).forEach(last::set);
      } catch (UncheckedIOException e) {
        // the dashboard closed the stream at the end of the test
      }
    });
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> last.get().contains("web-2"));

    client.pods().inNamespace(NS).withName("web-2").edit(pod -> new PodBuilder(pod).editMetadata()
        .addToLabels(TrafficLabels.TRAFFIC, TrafficLabels.PAUSE).endMetadata().build());

    await().atMost(Duration.ofSeconds(2)).until(() -> last.get().contains("\"paused\":1"));
    assertThat(last.get()).contains("{\"name\":\"web-2\",\"state\":\"Paused\"");
  }

  @Test
  void anActionIsTheVerbsWriteAndSaysWhatTheVerbSays() throws Exception {
    HttpResponse<String> answer = http.send(request("api/actions").header(Dashboard.ACTION_HEADER, "1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"disable\",\"namespace\":\"shop\",\"name\":\"web\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(JSON.readTree(answer.body()).path("message").asText())
        .isEqualTo("breakerconfig web: mode Disabled (was Enabled); " + Steering.DISABLED_EFFECT);
    assertThat(client.resources(BreakerConfig.class).inNamespace(NS).withName("web").get().getSpec().mode)
        .isEqualTo(Mode.Disabled);
  }

  @Test
  void aRefusedActionIsAnsweredWithTheVerbsLine() throws Exception {
    HttpResponse<String> answer = http.send(request("api/actions").header(Dashboard.ACTION_HEADER, "1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"resume\",\"namespace\":\"shop\",\"pod\":\"web-1\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(JSON.readTree(answer.body()).path("error").asText())
        .isEqualTo("pod web-1 is in traffic, not paused; there is nothing to resume");
  }

  @Test
  void onlyItsOwnPagesMayActAndOnlyAtItsOwnAddress() throws Exception {
    HttpResponse<String> withoutHeader = http.send(request("api/actions").POST(HttpRequest.BodyPublishers.ofString(
        "{\"action\":\"disable\",\"namespace\":\"shop\",\"name\":\"web\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> otherNamespace = http.send(request("api/actions").header(Dashboard.ACTION_HEADER, "1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"disable\",\"namespace\":\"bank\",\"name\":\"web\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(withoutHeader.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(otherNamespace.body()).path("error").asText())
        .isEqualTo("namespace bank is not in this dashboard's scope (namespace shop)");
    assertThat(client.resources(BreakerConfig.class).inNamespace(NS).withName("web").get().getSpec().mode)
        .isEqualTo(Mode.Enabled);
    assertThat(rawGet("evil.example:80")).startsWith("HTTP/1.1 421");
  }

  @Test
  void thePagesComeWithUplotFromItsWebJar() throws Exception {
    HttpResponse<String> page = get("breakerconfigs/shop/web");
    String script = "/webjars/uplot/" + Assets.UPLOT_VERSION + "/dist/uPlot.iife.min.js";

    assertThat(page.body()).contains("<script src=\"" + script + "\">");
    assertThat(get(script.substring(1)).statusCode()).isEqualTo(200);
    assertThat(get("static/dashboard.js").headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(dashboard.url() + path));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET naming another host, as a page of a rebinding DNS name would send it. */
  private String rawGet(String host) throws IOException {
    URI url = URI.create(dashboard.url());
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/state HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }
}
