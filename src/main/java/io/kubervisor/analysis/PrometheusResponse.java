package io.kubervisor.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the body of Prometheus' {@code /api/v1/query} into samples. */
public final class PrometheusResponse {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PrometheusResponse() {
  }

  /**
   * The samples of a successful query: one per series for {@code vector}, the last point of each series for
   * {@code matrix}, a single unlabelled sample for {@code scalar}.
   *
   * @throws PrometheusQueryException when Prometheus reports an error (its {@code errorType: error}, verbatim), when
   *     the result is a {@code string}, or when the body is not a Prometheus response
   */
  public static List<Sample> parse(String json) {
    JsonNode root = readTree(json);
    String status = root.path("status").asText(null);
    if ("error".equals(status)) {
      throw new PrometheusQueryException(root.path("errorType").asText("error") + ": " + root.path("error").asText(""));
    }
    if (!"success".equals(status)) {
      throw new PrometheusQueryException("Prometheus response has no status success or error");
    }
    JsonNode data = root.path("data");
    String resultType = data.path("resultType").asText(null);
    JsonNode result = data.path("result");
    if (resultType == null || result.isMissingNode()) {
      throw new PrometheusQueryException("Prometheus response has no data.resultType or data.result");
    }
    return switch (resultType) {
      case "vector" -> series(result, "value", false);
      case "matrix" -> series(result, "values", true);
      case "scalar" -> List.of(new Sample(Map.of(), point(result, "scalar")));
      case "string" -> throw new PrometheusQueryException("the query returned a string; it must return numbers");
      default -> throw new PrometheusQueryException("unknown Prometheus result type " + resultType);
    };
  }

  private static JsonNode readTree(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json == null ? "" : json);
    } catch (JsonProcessingException e) {
      throw new PrometheusQueryException("Prometheus response is not JSON: " + e.getOriginalMessage(), e);
    }
    if (!root.isObject()) {
      throw new PrometheusQueryException("Prometheus response is not a JSON object");
    }
    return root;
  }

  private static List<Sample> series(JsonNode result, String pointsField, boolean lastOfMany) {
    if (!result.isArray()) {
      throw new PrometheusQueryException("Prometheus data.result is not an array");
    }
    List<Sample> samples = new ArrayList<>();
    for (JsonNode series : result) {
      JsonNode point = series.path(pointsField);
      if (lastOfMany) {
        if (!point.isArray()) {
          throw new PrometheusQueryException("a matrix series has no values");
        }
        if (point.isEmpty()) {
          continue; // a series without points says nothing about its pod
        }
        point = point.get(point.size() - 1);
      } else if (point.isMissingNode()) {
        // Native histogram series carry "histogram" instead of "value".
        throw new PrometheusQueryException("a vector series has no value (native histograms are not supported)");
      }
      samples.add(new Sample(labels(series.path("metric")), point(point, "series")));
    }
    return samples;
  }

  private static Map<String, String> labels(JsonNode metric) {
    Map<String, String> labels = new LinkedHashMap<>();
    metric.properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
    return labels;
  }

  /** A point is {@code [timestamp, "value"]}; the value is a string so that NaN and infinities can be written. */
  private static double point(JsonNode point, String what) {
    if (!point.isArray() || point.size() != 2 || !point.get(1).isTextual()) {
      throw new PrometheusQueryException("a " + what + " point is not [timestamp, \"value\"]: " + point);
    }
    String value = point.get(1).asText();
    return switch (value) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> parseNumber(value);
    };
  }

  private static double parseNumber(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new PrometheusQueryException("a sample value is not a number: " + value, e);
    }
  }
}
