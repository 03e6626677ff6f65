package io.kubervisor.detectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubervisor.analysis.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads an external detector's answer: a JSON list of anomalous pod names, or a PodList of anomalous pods. A pod counts
 * only when it is one of the request's pods and, in a PodList, its {@code metadata.namespace} (when given) is the
 * Service's: a pod of the same name elsewhere is never ours. What is ignored is named for the log. Anything else is an
 * error: a half-understood answer must never become a decision.
 */
public class ExternalVerdicts implements Processor {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** At most this many ignored names go to the log. */
  static final int NAMED = 10;

  /** A pod the detector named, with the namespace it gave, or null. */
  record Named(String name, String namespace) {}

  @Override
  public void process(Exchange exchange) {
    String url = DetectorExchange.breaker(exchange).external.url;
    DetectorRequest request = DetectorExchange.request(exchange);
    Set<String> anomalous = new LinkedHashSet<>();
    List<String> ignored = new ArrayList<>();
    for (Named named : names(exchange.getIn().getBody(String.class), url)) {
      if (named.namespace() != null && !named.namespace().equals(request.namespace())) {
        ignored.add(named.namespace() + "/" + named.name() + " (another namespace)");
      } else if (!request.pods().contains(named.name())) {
        ignored.add(named.name() + " (not in traffic in Service " + request.service() + ")");
      } else {
        anomalous.add(named.name());
      }
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (String pod : request.pods()) {
      boolean bad = anomalous.contains(pod);
      verdicts.add(new Verdict(pod, bad ? 1.0 : 0.0, bad,
          bad ? "named anomalous by the external detector " + url : "not named by the external detector", 1.0));
    }
    if (ignored.size() > NAMED) {
      int more = ignored.size() - NAMED;
      ignored = new ArrayList<>(ignored.subList(0, NAMED));
      ignored.add("and " + more + " more");
    }
    exchange.setProperty(DetectorExchange.IGNORED, ignored);
    exchange.getIn().setBody(verdicts);
  }

  static List<Named> names(String body, String url) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      throw new IllegalArgumentException("The external detector " + url + " did not answer JSON: " + e.getMessage());
    }
    JsonNode list = root != null && root.isObject() ? root.get("items") : root;
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("The external detector " + url
          + " must answer a JSON list of pod names or a PodList");
    }
    List<Named> names = new ArrayList<>();
    for (JsonNode item : list) {
      JsonNode name = item.isTextual() ? item : item.path("metadata").path("name");
      if (!name.isTextual()) {
        throw new IllegalArgumentException("The external detector " + url + " answered an item without a pod name: "
            + item);
      }
      JsonNode namespace = item.path("metadata").path("namespace");
      names.add(new Named(name.asText(), namespace.isTextual() ? namespace.asText() : null));
    }
    return names;
  }
}
