package io.kubervisor.bench;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The fault phase: for each bad pod, seconds from its fault to when Prometheus showed it bad ({@code visible}), and
 * from then to when it left traffic ({@code ejected}) and its Service's EndpointSlice ({@code outOfSlice}). An
 * ejection can come a little before "visible": the breaker may ask Prometheus between two polls of the benchmark.
 *
 * @param ejectedBeforeFaults pods taken out of traffic before any fault: none is expected
 */
record Faults(int injected, int ejectedBeforeFaults, Distribution visible, Distribution ejected,
    Distribution outOfSlice, List<Timing> timings) {

  /** One pod's; null where it never happened within the deadline. */
  record Timing(String pod, Double visible, Double ejected, Double outOfSlice) {}

  static Faults of(List<Timing> timings, int ejectedBeforeFaults) {
    return new Faults(timings.size(), ejectedBeforeFaults, distribution(timings, Timing::visible),
        distribution(timings, Timing::ejected), distribution(timings, Timing::outOfSlice), timings);
  }

  private static Distribution distribution(List<Timing> timings, Function<Timing, Double> value) {
    return Distribution.of(timings.stream().map(value).filter(Objects::nonNull).toList());
  }
}
