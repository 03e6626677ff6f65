package io.kubervisor.bench;

import com.sun.net.httpserver.HttpServer;
import io.kubervisor.bench.FleetLayout.ServiceRef;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every pod's request counters in the Prometheus text format, from one HTTP server, as if each pod exported its own and
 * Prometheus' relabelling had added {@code namespace}, {@code app} and {@code pod}: {@code http_requests_total} by
 * {@code code}, {@value #REQUESTS_PER_SECOND} requests a second. A healthy pod answers 200; after {@link #fail}, every
 * request is a 500, and the 500 series appears then, as a client library's would. The counts are a function of the
 * time, so a scrape takes no lock.
 */
final class FleetExporter implements AutoCloseable {

  static final double REQUESTS_PER_SECOND = 10;

  private static final class Counters {
    final String okSeries;
    final String errorSeries;
    final long startNanos = System.nanoTime();
    volatile long failedNanos;
    /** Written after {@link #failedNanos}, so a reader that sees it set sees the time too. */
    volatile boolean failed;

    Counters(ServiceRef service, String pod) {
      String labels = "namespace=\"" + service.namespace() + "\",app=\"" + service.name() + "\",pod=\"" + pod + "\"";
      okSeries = "http_requests_total{" + labels + ",code=\"200\"} ";
      errorSeries = "http_requests_total{" + labels + ",code=\"500\"} ";
    }

    void appendTo(StringBuilder out, long now) {
      long healthyUntil = failed ? failedNanos : now;
      out.append(okSeries).append(requests(healthyUntil - startNanos)).append('\n');
      if (failed) {
        out.append(errorSeries).append(requests(now - failedNanos)).append('\n');
      }
    }

    private static long requests(long nanos) {
      return (long) (REQUESTS_PER_SECOND * nanos / 1e9);
    }
  }

  private final HttpServer server;
  private final Map<String, Counters> pods = new ConcurrentHashMap<>();

  FleetExporter() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  void addPods(ServiceRef service, Collection<String> podNames) {
    podNames.forEach(pod -> pods.put(key(service.namespace(), pod), new Counters(service, pod)));
  }

  /** Makes every later request of the pod fail, and returns when (System.nanoTime). */
  long fail(String namespace, String pod) {
    Counters counters = pods.get(key(namespace, pod));
    if (counters == null) {
      throw new IllegalArgumentException("no pod " + key(namespace, pod));
    }
    long now = System.nanoTime();
    counters.failedNanos = now;
    counters.failed = true;
    return now;
  }

  private String exposition() {
    StringBuilder out = new StringBuilder(pods.size() * 120 + 64);
    out.append("# TYPE http_requests_total counter\n");
    long now = System.nanoTime();
    pods.values().forEach(counters -> counters.appendTo(out, now));
    return out.toString();
  }

  private static String key(String namespace, String pod) {
    return namespace + "/" + pod;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
