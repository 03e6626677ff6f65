package io.kubervisor.backtest.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubervisor.backtest.BacktestException;

/** Tells Prometheus' answers, errors included, from anything else that answered. */
final class Answers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SHOWN = 200;

  private Answers() {}

  /**
   * The body when Prometheus answered it: a 2xx, or an error with Prometheus' JSON, whose message the range parser
   * reports word for word.
   */
  static String fromPrometheus(int status, String body, String where) {
    if (status / 100 == 2 || "error".equals(json(body).path("status").asText())) {
      return body;
    }
    throw new BacktestException(where + " answered HTTP " + status + ": " + shortened(body));
  }

  /** The body as JSON; a missing node when it is not JSON. */
  static JsonNode json(String body) {
    try {
      return body == null ? JSON.missingNode() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return JSON.missingNode();
    }
  }

  static String shortened(String body) {
    String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return line.length() <= SHOWN ? line : line.substring(0, SHOWN) + "...";
  }
}
