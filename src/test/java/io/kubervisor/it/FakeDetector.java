package io.kubervisor.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** An external detector whose anomalous pods a test sets: it answers them as a JSON list of names. */
public final class FakeDetector implements AutoCloseable {

  private final HttpServer server;
  private final Set<String> anomalous = ConcurrentHashMap.newKeySet();
  /** When set, it answers this instead of the names: a PodList, say. */
  private volatile Supplier<String> answer;

  public FakeDetector() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/anomalous", exchange -> {
      String body = answer != null ? answer.get()
          : anomalous.stream().map(pod -> "\"" + pod + "\"").collect(Collectors.joining(",", "[", "]"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/anomalous";
  }

  public void anomalous(String... pods) {
    anomalous.clear();
    anomalous.addAll(Set.of(pods));
  }

  /** Answers whatever the supplier gives at each call, instead of a list of names. */
  public void answering(Supplier<String> body) {
    answer = body;
  }

  public void healthy(String pod) {
    anomalous.remove(pod);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
