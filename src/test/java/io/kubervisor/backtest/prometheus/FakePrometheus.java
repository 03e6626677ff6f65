package io.kubervisor.backtest.prometheus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubervisor.analysis.Sample;
import io.kubervisor.backtest.History;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Prometheus' {@code /api/v1/query_range} on loopback, answering from a history held in memory, as Prometheus would:
 * a matrix of series. It records the requests' Authorization headers and queries.
 */
public final class FakePrometheus implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> queries = new CopyOnWriteArrayList<>();

  public FakePrometheus(History history) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/query_range", exchange -> answer(exchange, history));
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The Authorization header of each request, "none" when it had none. */
  public List<String> authorizations() {
    return authorizations;
  }

  public List<String> queries() {
    return queries;
  }

  private void answer(HttpExchange exchange, History history) throws IOException {
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).replace("null", "none"));
    Map<String, String> parameters = new HashMap<>();
    for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      parameters.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    queries.add(parameters.get("query"));
    NavigableMap<Instant, List<Sample>> answers = history.range(parameters.get("query"),
        instant(parameters.get("start")), instant(parameters.get("end")),
        Duration.ofMillis(new BigDecimal(parameters.get("step")).movePointRight(3).longValueExact()));
    Map<Map<String, String>, ArrayNode> series = new LinkedHashMap<>();
    ObjectNode body = JSON.createObjectNode().put("status", "success");
    ObjectNode data = body.putObject("data").put("resultType", "matrix");
    ArrayNode result = data.putArray("result");
    answers.forEach((time, samples) -> samples.forEach(sample -> series.computeIfAbsent(sample.labels(), labels -> {
      ObjectNode entry = result.addObject();
      labels.forEach(entry.putObject("metric")::put);
      return entry.putArray("values");
    }).addArray().add(BigDecimal.valueOf(time.toEpochMilli(), 3)).add(String.valueOf(sample.value()))));
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Instant instant(String seconds) {
    return Instant.ofEpochMilli(new BigDecimal(seconds).movePointRight(3).longValueExact());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
