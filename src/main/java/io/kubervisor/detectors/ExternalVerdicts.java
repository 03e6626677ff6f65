package io.kubervisor.detectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubervisor.analysis.Analysis;
import io.kubervisor.analysis.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads an external detector's answer: a JSON list of anomalous pod names, or a PodList of anomalous pods. Named pods
 * that are not among the Service's pods in traffic are ignored (and counted for the log). Anything else is an error:
 * a half-understood answer must never become a decision.
 */
public class ExternalVerdicts implements Processor {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void process(Exchange exchange) {
    String url = DetectorExchange.breaker(exchange).external.url;
    Set<String> named = names(exchange.getIn().getBody(String.class), url);
    List<String> pods = DetectorExchange.request(exchange).pods();
    List<Verdict> verdicts = new ArrayList<>();
    for (String pod : pods) {
      boolean anomalous = named.contains(pod);
      verdicts.add(new Verdict(pod, anomalous ? 1.0 : 0.0, anomalous,
          anomalous ? "named anomalous by the external detector " + url : "not named by the external detector", 1.0));
    }
    int outside = (int) named.stream().filter(name -> !pods.contains(name)).count();
    DetectorExchange.answer(exchange, new Analysis(verdicts, outside, 0));
  }

  static Set<String> names(String body, String url) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      throw new IllegalArgumentException("The external detector " + url + " did not answer JSON: " + e.getMessage());
    }
    Set<String> names = new LinkedHashSet<>();
    JsonNode list = root != null && root.isObject() ? root.get("items") : root;
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("The external detector " + url
          + " must answer a JSON list of pod names or a PodList");
    }
    for (JsonNode item : list) {
      JsonNode name = item.isTextual() ? item : item.path("metadata").path("name");
      if (!name.isTextual()) {
        throw new IllegalArgumentException("The external detector " + url + " answered an item without a pod name: "
            + item);
      }
      names.add(name.asText());
    }
    return names;
  }
}
