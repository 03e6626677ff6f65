package io.kubervisor.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;

/**
 * On a real API server: responses above its 128 KiB threshold come gzip-compressed and are read whole, smaller ones
 * and watches come plain. The bytes on the wire are counted by an interceptor registered after GzipResponses, so it
 * sees them before they are inflated.
 */
@WithLocalCluster
class GzipResponsesIT {

  /** 400 KiB of data in one ConfigMap: a response the API server compresses. */
  private static final String DATA = "{\"pod\":\"web-7d4b9c\",\"ready\":true,\"traffic\":\"yes\"}\n".repeat(8_000);

  @Test
  void readsLargeResponsesCompressedAndWatchesPlain(KubernetesClient testClient,
      @TestNamespace("gzip") String namespace) throws Exception {
    Map<String, Wire> wire = new ConcurrentHashMap<>();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(testClient.getConfiguration())
        .withHttpClientBuilderConsumer(http -> http
            .addOrReplaceInterceptor(GzipResponses.NAME, new GzipResponses())
            .addOrReplaceInterceptor("wire", new WireBytes(wire)))
        .build()) {
      client.configMaps().inNamespace(namespace).resource(configMap("big", DATA)).create();

      assertThat(client.configMaps().inNamespace(namespace).withName("big").get().getData().get("data"))
          .isEqualTo(DATA);
      Wire get = wire.get("/api/v1/namespaces/" + namespace + "/configmaps/big");
      assertThat(get.firstByte).as("the first byte on the wire: gzip's").isEqualTo(0x1f);
      assertThat(get.bytes).as("bytes on the wire").isLessThan(DATA.length() / 10);

      assertThat(client.configMaps().inNamespace(namespace).list().getItems())
          .filteredOn(configMap -> configMap.getMetadata().getName().equals("big"))
          .singleElement().satisfies(big -> assertThat(big.getData().get("data")).isEqualTo(DATA));

      assertThat(client.namespaces().withName(namespace).get()).isNotNull();
      assertThat(wire.get("/api/v1/namespaces/" + namespace).firstByte).as("a small answer comes plain")
          .isEqualTo('{');

      AtomicReference<ConfigMap> seen = new AtomicReference<>();
      try (Watch watch = client.configMaps().inNamespace(namespace).withName("big").watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, ConfigMap configMap) {
          seen.set(configMap);
        }

        @Override
        public void onClose(WatcherException cause) {}
      })) {
        String changed = DATA + "changed";
        client.configMaps().inNamespace(namespace).withName("big").edit(big -> configMap("big", changed));
        await("the watch event of the changed ConfigMap").atMost(Duration.ofSeconds(30))
            .until(() -> seen.get() != null && changed.equals(seen.get().getData().get("data")));
      }
      assertThat(wire).as("the watch's request").hasKeySatisfying(new Condition<>(key -> key.contains("watch=true"),
          "a watch"));
      wire.forEach((request, sent) -> assertThat(sent.acceptEncoding).as("Accept-Encoding of %s", request)
          .isEqualTo(request.contains("watch=true") ? null : "gzip"));
    }
  }

  private static ConfigMap configMap(String name, String data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(Map.of("data", data))
        .build();
  }

  /** What each request asked for, and the first byte and size of its body as it came off the wire. */
  private static final class Wire {
    volatile String acceptEncoding;
    volatile int firstByte = -1;
    volatile long bytes;
  }

  /** By path and query. Registered after GzipResponses: it sees the requests as sent, the bodies as received. */
  private record WireBytes(Map<String, Wire> wire) implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      wire.computeIfAbsent(key(request), key -> new Wire()).acceptEncoding = request.header("Accept-Encoding");
    }

    @Override
    public AsyncBody.Consumer<List<ByteBuffer>> consumer(AsyncBody.Consumer<List<ByteBuffer>> consumer,
        HttpRequest request) {
      Wire seen = wire.computeIfAbsent(key(request), key -> new Wire());
      return (buffers, body) -> {
        for (ByteBuffer buffer : buffers) {
          if (seen.firstByte < 0 && buffer.hasRemaining()) {
            seen.firstByte = buffer.get(buffer.position()) & 0xff;
          }
          seen.bytes += buffer.remaining();
        }
        consumer.consume(buffers, body);
      };
    }

    private static String key(HttpRequest request) {
      String query = request.uri().getRawQuery();
      return request.uri().getRawPath() + (query == null ? "" : "?" + query);
    }
  }
}
