package io.kubervisor.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Serves per-pod series in the Prometheus text format, as if each pod exported its own: request counters by status
 * code (monotonic, advancing at each pod's request rate and error ratio), a latency gauge, and a free gauge
 * {@code pod_value} that can follow any function of time. Tests change a pod's
 * behaviour at any time; Prometheus scrapes the result for real.
 */
public final class PodMetricsServer implements AutoCloseable {

  /** One pod's behaviour and counters. */
  private static final class PodSeries {
    final String namespace;
    volatile double requestsPerSecond = 20;
    volatile double errorRatio;
    volatile double latencySeconds = 0.1;
    /** pod_value as a function of the seconds since it was set: constant, ramp or spike. */
    volatile DoubleUnaryOperator value = seconds -> 100;
    volatile long valueSetNanos = System.nanoTime();
    double ok;
    double errors;
    long lastNanos = System.nanoTime();

    PodSeries(String namespace) {
      this.namespace = namespace;
    }

    synchronized void advance() {
      long now = System.nanoTime();
      double seconds = (now - lastNanos) / 1e9;
      lastNanos = now;
      ok += requestsPerSecond * seconds * (1 - errorRatio);
      errors += requestsPerSecond * seconds * errorRatio;
    }
  }

  private final HttpServer server;
  private final Map<String, PodSeries> pods = new ConcurrentHashMap<>();

  public PodMetricsServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  public String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public void addPod(String namespace, String pod) {
    pods.putIfAbsent(pod, new PodSeries(namespace));
  }

  public void errorRatio(String pod, double ratio) {
    series(pod).advance();
    series(pod).errorRatio = ratio;
  }

  /** Sets pod_value to follow {@code ofSeconds}, a function of the seconds from now. */
  public void value(String pod, DoubleUnaryOperator ofSeconds) {
    series(pod).value = ofSeconds;
    series(pod).valueSetNanos = System.nanoTime();
  }

  public void latency(String pod, double seconds) {
    series(pod).latencySeconds = seconds;
  }

  private PodSeries series(String pod) {
    PodSeries series = pods.get(pod);
    if (series == null) {
      throw new IllegalArgumentException("unknown pod " + pod);
    }
    return series;
  }

  private String exposition() {
    StringBuilder out = new StringBuilder();
    out.append("# TYPE http_requests_total counter\n");
    pods.forEach((pod, series) -> {
      series.advance();
      String labels = "namespace=\"" + series.namespace + "\",pod=\"" + pod + "\"";
      out.append("http_requests_total{").append(labels).append(",code=\"200\"} ").append(series.ok).append('\n');
      out.append("http_requests_total{").append(labels).append(",code=\"500\"} ").append(series.errors).append('\n');
    });
    out.append("# TYPE request_latency_seconds gauge\n");
    pods.forEach((pod, series) -> out.append("request_latency_seconds{namespace=\"").append(series.namespace)
        .append("\",pod=\"").append(pod).append("\"} ").append(series.latencySeconds).append('\n'));
    out.append("# TYPE pod_value gauge\n");
    pods.forEach((pod, series) -> out.append("pod_value{namespace=\"").append(series.namespace)
        .append("\",pod=\"").append(pod).append("\"} ")
        .append(series.value.applyAsDouble((System.nanoTime() - series.valueSetNanos) / 1e9)).append('\n'));
    return out.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
