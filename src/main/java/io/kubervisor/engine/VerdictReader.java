package io.kubervisor.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubervisor.analysis.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a detector route's answer: the built-in detectors hand over Verdict objects, a custom route usually JSON. The
 * contract is strict, because a misread answer would eject the wrong pods: each item needs {@code pod} and
 * {@code anomalous}; an anomalous pod needs a numeric {@code value}; {@code reason} and {@code score} are optional.
 */
public final class VerdictReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private VerdictReader() {}

  /** @param maxBytes the most read of an answer that comes as a stream; a larger one is an error */
  public static List<Verdict> read(Object body, String detector, long maxBytes) throws IOException {
    if (body instanceof List<?> list && list.stream().allMatch(Verdict.class::isInstance)) {
      return list.stream().map(Verdict.class::cast).toList(); // a built-in detector's own objects
    }
    JsonNode root = tree(body instanceof InputStream stream ? bounded(stream, detector, maxBytes) : body, detector);
    if (!root.isArray()) {
      throw new IllegalArgumentException("detector " + detector + " must answer a JSON list of verdicts, got: "
          + abbreviate(root.toString()));
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (JsonNode item : root) {
      JsonNode pod = item.get("pod");
      JsonNode anomalous = item.get("anomalous");
      if (pod == null || !pod.isTextual() || anomalous == null || !anomalous.isBoolean()) {
        throw new IllegalArgumentException("detector " + detector + ": each verdict needs a string 'pod' and a"
            + " boolean 'anomalous', got: " + abbreviate(item.toString()));
      }
      JsonNode value = item.get("value");
      Double number = value == null || value.isNull() ? null : value.isNumber() ? value.asDouble() : parse(value);
      if (anomalous.asBoolean() && number == null) {
        throw new IllegalArgumentException("detector " + detector + ": pod " + pod.asText()
            + " is anomalous but has no numeric 'value'");
      }
      String reason = item.path("reason").asText(anomalous.asBoolean() ? "anomalous per detector " + detector : "");
      double score = item.has("score") ? item.get("score").asDouble() : number == null ? 0 : number;
      verdicts.add(new Verdict(pod.asText(), number, anomalous.asBoolean(), reason, score));
    }
    return verdicts;
  }

  private static byte[] bounded(InputStream stream, String detector, long maxBytes) throws IOException {
    try (stream) {
      byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxBytes) + 1);
      if (bytes.length > maxBytes) {
        throw new IllegalArgumentException("detector " + detector + " answered more than " + maxBytes
            + " bytes (kubervisor.detector-max-response-bytes)");
      }
      return bytes;
    }
  }

  private static JsonNode tree(Object body, String detector) {
    try {
      if (body instanceof String text) {
        return JSON.readTree(text);
      }
      if (body instanceof byte[] bytes) {
        return JSON.readTree(bytes);
      }
      return JSON.valueToTree(body);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("detector " + detector + " did not answer JSON verdicts: " + e.getMessage(), e);
    }
  }

  private static Double parse(JsonNode value) {
    try {
      return Double.valueOf(value.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
