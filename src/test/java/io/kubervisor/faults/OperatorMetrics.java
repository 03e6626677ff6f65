package io.kubervisor.faults;

import io.kubervisor.it.OperatorProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** One scrape of an operator's /metrics, summed by metric name and labels. */
record OperatorMetrics(List<String> samples) {

  static OperatorMetrics of(OperatorProcess operator) throws IOException, InterruptedException {
    HttpResponse<String> response = operator.get("/metrics");
    if (response.statusCode() != 200) {
      throw new IOException("/metrics answered " + response.statusCode());
    }
    return new OperatorMetrics(response.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
        .toList());
  }

  /** The sum of the samples of {@code name} that carry at least {@code labels}; 0 when there are none. */
  double sum(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> labels.entrySet().stream()
            .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  boolean leads() {
    return sum("kubervisor_leader", Map.of()) == 1;
  }
}
