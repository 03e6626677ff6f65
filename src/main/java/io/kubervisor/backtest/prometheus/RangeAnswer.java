package io.kubervisor.backtest.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubervisor.analysis.PrometheusQueryException;
import io.kubervisor.analysis.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads the body of Prometheus' {@code /api/v1/query_range}, a matrix of series, into the samples at each instant: what
 * an instant query at that instant answers. Values are read as {@link io.kubervisor.analysis.PrometheusResponse} reads
 * them: {@code NaN} and infinities stay, for the rules to treat as no data.
 */
final class RangeAnswer {

  private RangeAnswer() {}

  /**
   * @throws PrometheusQueryException with Prometheus' error word for word, or when the body is not a range answer
   */
  static NavigableMap<Instant, List<Sample>> parse(String body) {
    JsonNode root = Answers.json(body);
    if (!root.isObject()) {
      throw new PrometheusQueryException("the answer is not Prometheus JSON: " + Answers.shortened(body));
    }
    if ("error".equals(root.path("status").asText())) {
      throw new PrometheusQueryException(root.path("errorType").asText("error") + ": " + root.path("error").asText());
    }
    JsonNode data = root.path("data");
    if (!"success".equals(root.path("status").asText()) || !"matrix".equals(data.path("resultType").asText())
        || !data.path("result").isArray()) {
      throw new PrometheusQueryException("the answer is not a range query's matrix: " + Answers.shortened(body));
    }
    NavigableMap<Instant, List<Sample>> samples = new TreeMap<>();
    for (JsonNode series : data.path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      series.path("metric").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
      for (JsonNode point : series.path("values")) {
        samples.computeIfAbsent(instant(point), t -> new ArrayList<>()).add(new Sample(labels, value(point)));
      }
    }
    return samples;
  }

  /** Prometheus writes times as seconds with millisecond decimals. */
  private static Instant instant(JsonNode point) {
    if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber()) {
      throw new PrometheusQueryException("a point is not [time, \"value\"]: " + point);
    }
    return Instant.ofEpochMilli(Math.round(point.get(0).asDouble() * 1000));
  }

  private static double value(JsonNode point) {
    String value = point.get(1).asText();
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(value);
        } catch (NumberFormatException e) {
          throw new PrometheusQueryException("a sample value is not a number: " + value, e);
        }
      }
    };
  }
}
