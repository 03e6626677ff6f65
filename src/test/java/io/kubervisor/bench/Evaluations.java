package io.kubervisor.bench;

import io.kubervisor.it.OperatorProcess;
import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * The operator's evaluations so far, from its /metrics: one {@code kubervisor_evaluation_duration_seconds_count}
 * series per BreakerConfig that evaluated.
 *
 * @param total evaluations of every BreakerConfig
 * @param breakerConfigs BreakerConfigs that evaluated at least once
 */
record Evaluations(double total, int breakerConfigs) {

  private static final String COUNT = "kubervisor_evaluation_duration_seconds_count{";

  static Evaluations of(OperatorProcess operator) throws IOException {
    HttpResponse<String> response;
    try {
      response = operator.get("/metrics");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the operator's metrics", e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("the operator's /metrics answered " + response.statusCode());
    }
    return parse(response.body());
  }

  static Evaluations parse(String exposition) {
    double total = 0;
    int evaluated = 0;
    for (String line : exposition.lines().filter(line -> line.startsWith(COUNT)).toList()) {
      double count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      total += count;
      if (count > 0) {
        evaluated++;
      }
    }
    return new Evaluations(total, evaluated);
  }
}
