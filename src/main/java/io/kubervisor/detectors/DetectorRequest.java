package io.kubervisor.detectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a detector route receives as its body (and, for custom routes, also as the headers named in
 * {@link DetectorExchange}): the Service and the pods to judge, the managed pods that are in traffic now.
 *
 * @param time absent when the operator asks about now; in a backtest, the past instant (ISO-8601) to judge, asked
 *     only of a custom route that declares it accepts one (docs/backtest.md)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DetectorRequest(String namespace, String service, String breakerConfig, String breaker,
    List<String> pods, String time) {

  /** A request about now, as the operator makes it. */
  public DetectorRequest(String namespace, String service, String breakerConfig, String breaker, List<String> pods) {
    this(namespace, service, breakerConfig, breaker, pods, null);
  }
}
