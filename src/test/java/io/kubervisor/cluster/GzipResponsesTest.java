package io.kubervisor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipResponsesTest {

  private static final String JSON = "{\"kind\":\"PodList\",\"items\":[" + "{\"metadata\":{\"name\":\"web\"}},".repeat(2000)
      + "{}]}";

  @Test
  void asksForGzipExceptOnWatches() {
    assertThat(headerSent("https://api/api/v1/pods?limit=500")).isEqualTo("gzip");
    assertThat(headerSent("https://api/api/v1/namespaces/team/pods/web")).isEqualTo("gzip");
    assertThat(headerSent("https://api/api/v1/pods?resourceVersion=7&allowWatchBookmarks=true&watch=true")).isNull();
    assertThat(headerSent("https://api/api/v1/pods?watch=true")).isNull();
  }

  @Test
  void inflatesAGzipBodyChunkByChunkAsItArrives() throws Exception {
    byte[] compressed = gzip(JSON);
    Downstream downstream = new Downstream();
    TestBody body = new TestBody();
    AsyncBody.Consumer<List<ByteBuffer>> consumer = new GzipResponses().consumer(downstream, request("?limit=500"));

    // Split everywhere, the gzip header too: the first chunks inflate to nothing, and the next one is asked for.
    for (int from = 0; from < compressed.length; from += 7) {
      byte[] chunk = Arrays.copyOfRange(compressed, from, Math.min(compressed.length, from + 7));
      consumer.consume(List.of(ByteBuffer.wrap(chunk)), body);
    }
    body.done.complete(null);

    assertThat(downstream.text()).isEqualTo(JSON);
    assertThat(body.asked).as("the chunks that inflated to nothing asked for the next one themselves")
        .isPositive().isLessThan(compressed.length / 7 + 1);
    assertThat(body.asked + downstream.calls).isEqualTo((compressed.length + 6) / 7);
  }

  @Test
  void passesAPlainBodyThroughAsItIs() throws Exception {
    Downstream downstream = new Downstream();
    TestBody body = new TestBody();
    AsyncBody.Consumer<List<ByteBuffer>> consumer = new GzipResponses().consumer(downstream, request("?limit=500"));
    ByteBuffer plain = ByteBuffer.wrap(JSON.getBytes(StandardCharsets.UTF_8));

    consumer.consume(List.of(ByteBuffer.allocate(0)), body);
    consumer.consume(List.of(plain), body);

    assertThat(downstream.text()).isEqualTo(JSON);
    assertThat(downstream.received.get(1)).isSameAs(plain);
    assertThat(body.asked).isZero();
  }

  @Test
  void leavesAWatchAlone() {
    Downstream downstream = new Downstream();
    assertThat(new GzipResponses().consumer(downstream, request("?watch=true"))).isSameAs(downstream);
  }

  private static String headerSent(String uri) {
    StandardHttpRequest.Builder builder = new StandardHttpRequest.Builder().uri(URI.create(uri));
    new GzipResponses().before(builder, builder.build(), null);
    return builder.build().header("Accept-Encoding");
  }

  private static HttpRequest request(String query) {
    return new StandardHttpRequest.Builder().uri(URI.create("https://api/api/v1/pods" + query)).build();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static final class Downstream implements AsyncBody.Consumer<List<ByteBuffer>> {
    final List<ByteBuffer> received = new ArrayList<>();
    int calls;

    @Override
    public void consume(List<ByteBuffer> buffers, AsyncBody body) {
      calls++;
      received.addAll(buffers);
    }

    String text() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (ByteBuffer buffer : received) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        out.writeBytes(bytes);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static final class TestBody implements AsyncBody {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    int asked;

    @Override
    public void consume() {
      asked++;
    }

    @Override
    public CompletableFuture<Void> done() {
      return done;
    }

    @Override
    public void cancel() {
      done.cancel(false);
    }
  }
}
